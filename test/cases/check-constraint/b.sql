CREATE TABLE t (c numeric CONSTRAINT t_c_check CHECK (c >= 0 AND c <= 1));
