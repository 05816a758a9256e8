CREATE TABLE t (a text, b varchar(20), c numeric(12,2), d text, e timestamp(6), f bigint, g inet, h varchar(5));
