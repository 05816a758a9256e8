CREATE TABLE t (id int, code text, x int);
INSERT INTO t SELECT g, 'c' || g, g FROM generate_series(1, 100) g;
