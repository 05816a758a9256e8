/**
 * Puts a database through the round trip a plan makes: definitions PostgreSQL
 * prints in a form that, run again, is stored differently (a CHECK with
 * `IN (...)` on varchar) are run again from their printed form, keeping their
 * comments. One trip reaches the form that no longer changes. The golden test
 * and the fuzzer put both the database a plan built and the desired one
 * through it before text comparisons (pg_dump, the independent picture): a
 * definition the plan made from the printed form and one the plan left alone
 * (still in the form first written) then compare by what they mean; a
 * definition that means something else still differs. The re-plan is checked
 * before, against the untouched databases.
 */
import pg from 'pg';

const FIND = `
SELECT ARRAY[format('ALTER TABLE %s DROP CONSTRAINT %I, ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, c.conname, pg_get_constraintdef(c.oid))]
       || CASE WHEN obj_description(c.oid, 'pg_constraint') IS NOT NULL
               THEN ARRAY[format('COMMENT ON CONSTRAINT %I ON %s IS %L', c.conname, c.conrelid::regclass, obj_description(c.oid, 'pg_constraint'))] ELSE '{}'::text[] END AS sql
  FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
 WHERE c.contype = 'c' AND c.coninhcount = 0 AND r.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT ARRAY[format('ALTER DOMAIN %s DROP CONSTRAINT %I', c.contypid::regtype, c.conname), format('ALTER DOMAIN %s ADD CONSTRAINT %I %s', c.contypid::regtype, c.conname, pg_get_constraintdef(c.oid))]
       || CASE WHEN obj_description(c.oid, 'pg_constraint') IS NOT NULL
               THEN ARRAY[format('COMMENT ON CONSTRAINT %I ON DOMAIN %s IS %L', c.conname, c.contypid::regtype, obj_description(c.oid, 'pg_constraint'))] ELSE '{}'::text[] END
  FROM pg_constraint c WHERE c.contype = 'c' AND c.contypid <> 0 AND c.connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT ARRAY[format('ALTER TABLE %s ALTER COLUMN %I SET DEFAULT %s', d.adrelid::regclass, a.attname, pg_get_expr(d.adbin, d.adrelid))]
  FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum JOIN pg_class r ON r.oid = d.adrelid
 WHERE a.attgenerated = '' AND r.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT ARRAY[format('DROP INDEX %s', i.indexrelid::regclass), pg_get_indexdef(i.indexrelid)]
       || CASE WHEN obj_description(i.indexrelid, 'pg_class') IS NOT NULL
               THEN ARRAY[format('COMMENT ON INDEX %s IS %L', i.indexrelid::regclass, obj_description(i.indexrelid, 'pg_class'))] ELSE '{}'::text[] END
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indpred IS NOT NULL AND c.relkind = 'i' AND NOT c.relispartition
   AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
   AND c.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
UNION ALL
SELECT ARRAY[format('ALTER POLICY %I ON %s', p.polname, p.polrelid::regclass)
       || coalesce(' USING (' || pg_get_expr(p.polqual, p.polrelid) || ')', '') || coalesce(' WITH CHECK (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')]
  FROM pg_policy p WHERE p.polqual IS NOT NULL OR p.polwithcheck IS NOT NULL`;

export async function roundTrip(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('BEGIN');
    await c.query("SELECT pg_catalog.set_config('search_path', '', true)");
    const rows = (await c.query<{ sql: string[] }>(FIND)).rows;
    for (const r of rows) for (const sql of r.sql) await c.query(sql);
    await c.query('COMMIT');
  } finally {
    await c.end();
  }
}
