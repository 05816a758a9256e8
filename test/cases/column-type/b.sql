CREATE TABLE t (id int, v bigint);
