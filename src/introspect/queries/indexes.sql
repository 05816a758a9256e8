-- Indexes that are not the implementation of a constraint.
SELECT i.indexrelid AS oid, i.indrelid AS relid, n.nspname AS schema, ic.relname AS name, tc.relname AS table_name,
       CASE WHEN k.oid IS NULL THEN pg_get_indexdef(i.indexrelid) END AS definition, i.indisunique AS is_unique,
       dsc.description AS comment,
       (SELECT pc.relname FROM pg_inherits inh JOIN pg_class pc ON pc.oid = inh.inhparent WHERE inh.inhrelid = i.indexrelid) AS parent_index,
       k.oid IS NOT NULL AS is_constraint
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class tc ON tc.oid = i.indrelid
JOIN pg_namespace n ON n.oid = ic.relnamespace
LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
LEFT JOIN pg_description dsc ON dsc.objoid = i.indexrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0
WHERE tc.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = tc.oid AND d.deptype = 'e')
ORDER BY n.nspname, ic.relname
