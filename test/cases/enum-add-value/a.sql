CREATE TYPE e AS ENUM ('a', 'c'); CREATE TABLE t (v e);
