CREATE TABLE t (id int, old text);
