CREATE FUNCTION add1(x int) RETURNS int LANGUAGE sql AS $$ SELECT x + 1 $$; CREATE FUNCTION add1(x numeric) RETURNS numeric LANGUAGE sql AS $$ SELECT x + 1 $$;
