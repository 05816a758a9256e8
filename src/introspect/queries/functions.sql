-- Functions and procedures outside extensions (aggregates are reported as unsupported).
SELECT p.oid, n.nspname AS schema, p.proname AS name, p.prokind AS prokind,
       pg_get_function_identity_arguments(p.oid) AS identity_args,
       CASE WHEN p.prokind IN ('f', 'p', 'w') THEN pg_get_functiondef(p.oid) END AS definition,
       CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS result,
       obj_description(p.oid, 'pg_proc') AS comment,
       p.proacl IS NULL AS default_acl,
       p.proowner AS owner_oid
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY n.nspname, p.proname, 5
