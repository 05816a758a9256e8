CREATE TABLE t (a varchar(50), b varchar(10), c numeric(10,2), d varchar, e timestamp(3), f int, g cidr, h varchar(20));
INSERT INTO t VALUES ('a', 'b', 1.5, 'd', now(), 1, '10.0.0.0/8', 'h');
