-- Columns of every relation in scope (tables, views, materialized views, composite types).
-- Defaults that call a VOLATILE function (pg_proc.provolatile of the function oids in the stored
-- expression tree: :funcid, :opfuncid and the like), found in one set-oriented pass; a per-default
-- correlated search costs about 15 us a default (50 ms at 3,500 defaults).
WITH volatile_defaults AS (
  SELECT DISTINCT ad.oid
  FROM pg_attrdef ad
  CROSS JOIN LATERAL unnest((string_to_array(ad.adbin::text, 'funcid '))[2:]) AS f(s)
  JOIN pg_proc p ON p.oid = split_part(f.s, ' ', 1)::oid AND p.provolatile = 'v'
  WHERE ad.adbin::text LIKE '%funcid %'
)
SELECT a.attrelid AS relid, a.attname AS name, a.attnum AS position,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS default_expr,
       CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS generated_expr,
       -- a default that calls a VOLATILE function: ADD COLUMN with it rewrites the table
       CASE WHEN a.attgenerated = '' AND ad.adbin IS NOT NULL THEN vd.oid IS NOT NULL END AS default_volatile,
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
LEFT JOIN volatile_defaults vd ON vd.oid = ad.oid
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
LEFT JOIN pg_description dsc ON dsc.objoid = a.attrelid AND dsc.classoid = 'pg_class'::regclass AND dsc.objsubid = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\_%'
ORDER BY a.attrelid, a.attnum
