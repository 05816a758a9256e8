CREATE TABLE t (a text, b int); CREATE INDEX t_lower ON t (lower(a)) WHERE b > 0; CREATE INDEX t_inc ON t (b) INCLUDE (a);
