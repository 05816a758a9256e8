CREATE TABLE t (c circle);
