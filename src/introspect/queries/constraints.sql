-- Table constraints (primary, foreign, unique, check, exclusion). NOT NULL constraints (PG 18) live on columns.
SELECT c.oid, c.conrelid AS relid, c.conname AS name, c.contype AS type,
       pg_get_constraintdef(c.oid) AS definition,
       dsc.description AS comment,
       c.conislocal AS is_local, c.conindid AS index_oid, c.conparentid AS parent_oid
FROM pg_constraint c
JOIN pg_class r ON r.oid = c.conrelid
JOIN pg_namespace n ON n.oid = r.relnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = c.oid AND dsc.classoid = 'pg_constraint'::regclass AND dsc.objsubid = 0
WHERE c.contype IN ('p', 'f', 'u', 'c', 'x')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY c.conrelid, c.conname
