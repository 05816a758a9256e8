SELECT c.oid, n.nspname AS schema, c.collname AS name, c.collprovider AS provider,
       c.collisdeterministic AS deterministic,
       c.collcollate AS lc_collate, c.collctype AS lc_ctype,
       to_jsonb(c) ->> CASE WHEN current_setting('server_version_num')::int >= 170000 THEN 'colllocale' ELSE 'colliculocale' END AS locale,
       obj_description(c.oid, 'pg_collation') AS comment
FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY n.nspname, c.collname
