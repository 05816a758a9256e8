-- Tables, partitioned tables, views, materialized views, sequences, foreign tables.
-- Extension members and parents are each found by an uncorrelated IN that the
-- server runs once into a hash table (a hashed SubPlan), so the plan does not hang
-- on row estimates and the parents are aggregated only for relations that have one.
SELECT c.oid, c.relkind, n.nspname AS schema, c.relname AS name, c.relpersistence AS persistence,
       dsc.description AS comment,
       c.relacl IS NULL AS default_acl,
       c.relowner AS owner_oid,
       c.reloptions AS options,
       c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END AS view_definition,
       c.relispopulated AS populated,
       CASE WHEN c.oid IN (SELECT i.inhrelid FROM pg_inherits i)
            THEN (SELECT json_agg(json_build_array(pn.nspname, pc.relname) ORDER BY i.inhseqno)
                  FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                  WHERE i.inhrelid = c.oid) END AS parents,
       c.relispartition AS is_partition
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
  AND c.oid NOT IN (SELECT d.objid FROM pg_depend d
                    WHERE d.refclassid = 'pg_extension'::regclass AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
ORDER BY n.nspname, c.relname
