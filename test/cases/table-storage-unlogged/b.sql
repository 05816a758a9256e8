CREATE UNLOGGED TABLE t (a int) WITH (fillfactor = 70);
