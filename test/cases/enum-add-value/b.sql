CREATE TYPE e AS ENUM ('a', 'b', 'c', 'd'); CREATE TABLE t (v e);
