CREATE DOMAIN pct AS numeric CHECK (VALUE >= 0); CREATE TABLE t (p pct);
