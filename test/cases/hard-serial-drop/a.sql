CREATE TABLE gone (id serial PRIMARY KEY); CREATE TABLE t (id int, x int, s bigserial);
