CREATE TABLE t (id int, name text, "Weird Col" int);
INSERT INTO t SELECT g, 'n', g FROM generate_series(1, 100) g;
