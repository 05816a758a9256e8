-- Columns of every relation in scope (tables, views, materialized views, composite types).
SELECT a.attrelid AS relid, a.attname AS name, a.attnum AS position,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       -- a default cannot name a column (PostgreSQL refuses it), so it is printed without its table:
       -- with the table, pg_get_expr opens the relation, about 40 us each on a fresh connection
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, 0) END AS default_expr,
       CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated_expr,
       -- a default that calls a VOLATILE function (pg_proc.provolatile of the function oids in its stored
       -- expression tree: :funcid, :opfuncid and the like): ADD COLUMN with it rewrites the table. An
       -- uncorrelated IN, which the server runs once into a hash table (a hashed SubPlan); a search per
       -- default costs about 15 us each, and a join to a derived table may be re-run for every column.
       CASE WHEN a.attgenerated = '' AND ad.adbin IS NOT NULL THEN ad.oid IN (
         SELECT vd.oid FROM pg_attrdef vd
         CROSS JOIN LATERAL unnest((string_to_array(vd.adbin::text, 'funcid '))[2:]) AS f(s)
         JOIN pg_proc p ON p.oid = split_part(f.s, ' ', 1)::oid AND p.provolatile = 'v'
         WHERE vd.adbin::text LIKE '%funcid %') END AS default_volatile,
       a.attidentity AS identity,
       CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0
            THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
       dsc.description AS comment,
       a.attislocal AS is_local, a.attinhcount AS inherit_count
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY a.attrelid, a.attnum
