/**
 * A test-only picture of a database built from pg_get_*def functions, sharing
 * no code with fas's introspector: the independent half of "A equals B" on
 * servers where pg_dump cannot be used (PostgreSQL 18 here).
 */
import { query } from './servers.js';

const SQL = `
SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text || ' ' || coalesce(array_to_string(c.reloptions, ','), '') || ' rls=' || c.relrowsecurity
       || ' acl=' || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) x) || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '-')
       || CASE WHEN c.relkind IN ('v', 'm') THEN ' def=' || pg_get_viewdef(c.oid) ELSE '' END
       || CASE WHEN c.relispartition THEN ' bound=' || pg_get_expr(c.relpartbound, c.oid) ELSE '' END AS line
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\\_%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c')
UNION ALL
SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' nn=' || a.attnotnull
       || ' def=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' id=' || a.attidentity::text || ' gen=' || a.attgenerated::text
       || ' coll=' || a.attcollation::regcollation::text || ' acl=' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x), '-') || ' comment=' || coalesce(col_description(c.oid, a.attnum), '-')
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg\\_%' AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c')
UNION ALL
SELECT 'con ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema') AND contype <> 'n'
UNION ALL
SELECT 'idx ' || pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
UNION ALL
SELECT 'fn ' || pg_get_functiondef(p.oid) || ' acl=' || (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) x) FROM pg_proc p WHERE p.pronamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema') AND p.prokind <> 'a'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'trg ' || pg_get_triggerdef(oid) || ' ' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal
UNION ALL
SELECT 'enum ' || enumtypid::regtype::text || ' ' || string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum GROUP BY enumtypid
UNION ALL
SELECT 'pol ' || polrelid::regclass::text || ' ' || polname || ' ' || polpermissive || ' ' || polcmd::text || ' ' || coalesce(pg_get_expr(polqual, polrelid), '-') FROM pg_policy
UNION ALL
SELECT 'ns ' || nspname || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '-') FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND nspname NOT LIKE 'pg\\_%'
UNION ALL
SELECT 'ext ' || extname || ' ' || extversion FROM pg_extension
UNION ALL
SELECT 'dom ' || t.typname || ' ' || format_type(t.typbasetype, t.typtypmod) || ' ' || t.typnotnull || ' ' || coalesce(t.typdefault, '-') FROM pg_type t WHERE t.typtype = 'd' AND t.typnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1`;

/** privileges: false mirrors the round-trip rule's pg_dump --no-privileges. */
export async function independentPicture(url: string, opts: { privileges?: boolean } = {}): Promise<string[]> {
  const rows = await query<{ line: string }>(url, SQL);
  const lines = rows.map((r) => r.line);
  return opts.privileges === false ? lines.map((l) => l.replace(/ acl=\S*/g, '')) : lines;
}
