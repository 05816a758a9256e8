CREATE TABLE t (id int, new_col numeric(20,6) DEFAULT 0);
