SELECT p.oid, n.nspname AS schema, c.relname AS table_name, p.polname AS name, p.polpermissive AS permissive,
       p.polcmd AS command,
       (SELECT json_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r) END ORDER BY 1) FROM unnest(p.polroles) r) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using_expr,
       pg_get_expr(p.polwithcheck, p.polrelid) AS check_expr,
       obj_description(p.oid, 'pg_policy') AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY n.nspname, c.relname, p.polname
