CREATE TABLE t (id int PRIMARY KEY, a int, b text);
CREATE INDEX t_a_idx ON t (a, b) WHERE a > 0;
COMMENT ON INDEX t_a_idx IS 'by a and b';
