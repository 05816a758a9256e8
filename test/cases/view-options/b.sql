CREATE TABLE t (a int); CREATE VIEW v WITH (security_invoker = true, security_barrier = true) AS SELECT a FROM t;
