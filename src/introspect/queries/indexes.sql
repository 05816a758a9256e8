-- Indexes that are not the implementation of a constraint.
-- Plan shape kept independent of row estimates: the schema filter, the extension
-- members, constraint indexes, comments and index parents are each an
-- uncorrelated IN that the server runs once into a hash table (a hashed
-- SubPlan); a comment or parent is then looked up only for the indexes that
-- have one. x (OFFSET 0: not flattened) tests constraint membership once per index.
SELECT x.oid, x.relid, x.schema, x.name, x.table_name,
       CASE WHEN NOT x.is_constraint THEN pg_get_indexdef(x.oid) END AS definition, x.is_unique,
       CASE WHEN x.oid IN (SELECT dsc.objoid FROM pg_description dsc WHERE dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0)
            THEN (SELECT dsc.description FROM pg_description dsc WHERE dsc.objoid = x.oid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = 0) END AS comment,
       CASE WHEN x.oid IN (SELECT inh.inhrelid FROM pg_inherits inh)
            THEN (SELECT pc.relname FROM pg_inherits inh JOIN pg_class pc ON pc.oid = inh.inhparent WHERE inh.inhrelid = x.oid) END AS parent_index,
       x.is_constraint
FROM (SELECT i.indexrelid AS oid, i.indrelid AS relid, n.nspname AS schema, ic.relname AS name, tc.relname AS table_name,
             i.indisunique AS is_unique,
             i.indexrelid IN (SELECT k.conindid FROM pg_constraint k WHERE k.contype IN ('p', 'u', 'x')) AS is_constraint
      FROM pg_index i
      JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_class tc ON tc.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = ic.relnamespace
      WHERE tc.relkind IN ('r', 'p', 'm')
        AND ic.relnamespace NOT IN (SELECT xn.oid FROM pg_namespace xn
                                    WHERE xn.nspname IN ('pg_catalog', 'information_schema', 'fas') OR xn.nspname LIKE 'pg\_%')
        AND tc.oid NOT IN (SELECT d.objid FROM pg_depend d
                           WHERE d.refclassid = 'pg_extension'::regclass AND d.classid = 'pg_class'::regclass AND d.deptype = 'e')
      OFFSET 0) x
ORDER BY x.schema, x.name
