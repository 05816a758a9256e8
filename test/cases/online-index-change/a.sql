CREATE TABLE t (id int PRIMARY KEY, a int, b text);
CREATE INDEX t_a_idx ON t (a);
COMMENT ON INDEX t_a_idx IS 'by a';
INSERT INTO t SELECT g, g % 10, 'x' FROM generate_series(1, 100) g;
