CREATE TABLE t (c numeric CHECK (c >= 0));
