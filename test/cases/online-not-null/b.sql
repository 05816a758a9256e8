CREATE TABLE t (id int NOT NULL, name text NOT NULL, "Weird Col" int NOT NULL);
