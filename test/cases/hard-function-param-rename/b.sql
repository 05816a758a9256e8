CREATE FUNCTION add_one(value int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT value + 1 $$; CREATE TABLE t (a int); CREATE VIEW v AS SELECT add_one(a) AS b FROM t;
