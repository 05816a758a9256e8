CREATE TABLE t (j jsonb); CREATE INDEX t_j ON t (j);
