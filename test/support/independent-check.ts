/**
 * A test-only picture of a database built from pg_catalog and the pg_get_*def
 * functions, sharing no code with fas's introspector (src/introspect): the
 * independent half of "A equals B". One line per object or attribute, for
 * every kind fas manages: relations (kind, persistence, options, RLS and FORCE
 * RLS, partition key and bound, parents, ACL, comment, view bodies, populated),
 * columns (type, NOT NULL, default, identity, generated, collation, ACL,
 * comment), constraints (table and domain, with comments), indexes (with
 * comments), sequences (every parameter and the owning column), functions
 * (definition, ACL, comment), triggers (definition, enabled, comment),
 * policies (roles, USING, WITH CHECK, comment), schemas (ACL, comment),
 * types (enum labels, domains, ACLs, comments), collations, extensions and
 * default privileges.
 */
import { query } from './servers.js';

/** Names of user objects: not catalogs, not fas's own bookkeeping, not extension members. */
const USER_NS = `n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas', 'pg_toast') AND n.nspname NOT LIKE 'pg\\_%'`;
/** An ACL as sorted text, the built-in default (acldefault) when none is set. kind is a SQL "char" expression. */
const acl = (col: string, kind: string, owner: string) =>
  `coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(${col}, acldefault((${kind})::"char", ${owner}))) x), '-')`;
const notExt = (cls: string, oid: string) => `NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '${cls}'::regclass AND e.objid = ${oid} AND e.deptype = 'e')`;

const PARTS: readonly string[] = [
  // relations
  `SELECT 'rel ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || c.relpersistence::text || ' opts=' || coalesce(array_to_string(c.reloptions, ','), '')
     || ' rls=' || c.relrowsecurity || ' force=' || c.relforcerowsecurity
     || ' acl=' || ${acl('c.relacl', "CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END", 'c.relowner')}
     || ' comment=' || coalesce(obj_description(c.oid, 'pg_class'), '-')
     || CASE WHEN c.relkind IN ('v', 'm') THEN ' def=' || pg_get_viewdef(c.oid) ELSE '' END
     || CASE WHEN c.relkind = 'm' THEN ' populated=' || c.relispopulated ELSE '' END
     || CASE WHEN c.relkind = 'p' THEN ' key=' || pg_get_partkeydef(c.oid) ELSE '' END
     || CASE WHEN c.relispartition THEN ' bound=' || pg_get_expr(c.relpartbound, c.oid) ELSE '' END
     || ' parents=' || coalesce((SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno) FROM pg_inherits i WHERE i.inhrelid = c.oid), '-') AS line
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${USER_NS} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c', 'f')`,
  // columns (order included for views and types; a table's column order is not compared: fas appends new columns and never rewrites a table for order)
  `SELECT 'col ' || n.nspname || '.' || c.relname || '.' || a.attname || CASE WHEN c.relkind IN ('r', 'p') THEN '' ELSE ' #' || row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum) END || ' ' || format_type(a.atttypid, a.atttypmod) || ' nn=' || a.attnotnull
     || ' def=' || coalesce(pg_get_expr(d.adbin, d.adrelid), '-') || ' id=' || a.attidentity::text || ' gen=' || a.attgenerated::text
     || ' coll=' || a.attcollation::regcollation::text || ' local=' || a.attislocal
     || ' acl=' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x), '-') || ' comment=' || coalesce(col_description(c.oid, a.attnum), '-')
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE ${USER_NS} AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'c', 'f')`,
  // constraints of tables and domains (NOT NULL constraints of PG 18 are the columns' nn=)
  `SELECT 'con ' || CASE WHEN co.contypid <> 0 THEN 'domain ' || co.contypid::regtype::text ELSE co.conrelid::regclass::text END || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid)
     || ' local=' || co.conislocal || ' deferrable=' || co.condeferrable || ' deferred=' || co.condeferred || ' valid=' || co.convalidated
     || ' comment=' || coalesce(obj_description(co.oid, 'pg_constraint'), '-')
     FROM pg_constraint co JOIN pg_namespace n ON n.oid = co.connamespace WHERE ${USER_NS} AND co.contype <> 'n'`,
  // indexes
  `SELECT 'idx ' || pg_get_indexdef(i.indexrelid) || ' comment=' || coalesce(obj_description(i.indexrelid, 'pg_class'), '-')
     || ' parent=' || coalesce((SELECT h.inhparent::regclass::text FROM pg_inherits h WHERE h.inhrelid = i.indexrelid), '-')
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS}`,
  // sequences: every parameter and the column that owns it
  `SELECT 'seq ' || s.seqrelid::regclass::text || ' ' || format_type(s.seqtypid, NULL) || ' start=' || s.seqstart || ' inc=' || s.seqincrement || ' min=' || s.seqmin || ' max=' || s.seqmax
     || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle
     || ' owner=' || coalesce((SELECT d.refobjid::regclass::text || '.' || (SELECT attname FROM pg_attribute WHERE attrelid = d.refobjid AND attnum = d.refobjsubid) || ' ' || d.deptype::text
                               FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = s.seqrelid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), '-')
     FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS}`,
  // functions and procedures
  `SELECT 'fn ' || pg_get_functiondef(p.oid) || ' acl=' || ${acl('p.proacl', "'f'", 'p.proowner')} || ' comment=' || coalesce(obj_description(p.oid, 'pg_proc'), '-')
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS} AND p.prokind <> 'a' AND ${notExt('pg_proc', 'p.oid')}`,
  // triggers
  `SELECT 'trg ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text || ' comment=' || coalesce(obj_description(t.oid, 'pg_trigger'), '-') FROM pg_trigger t WHERE NOT t.tgisinternal`,
  // policies
  `SELECT 'pol ' || p.polrelid::regclass::text || ' ' || p.polname || ' ' || p.polpermissive || ' ' || p.polcmd::text
     || ' roles=' || (SELECT string_agg(CASE WHEN r = 0 THEN 'PUBLIC' ELSE r::regrole::text END, ',' ORDER BY 1) FROM unnest(p.polroles) r)
     || ' using=' || coalesce(pg_get_expr(p.polqual, p.polrelid), '-') || ' check=' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-')
     || ' comment=' || coalesce(obj_description(p.oid, 'pg_policy'), '-') FROM pg_policy p`,
  // schemas
  `SELECT 'ns ' || n.nspname || ' acl=' || ${acl('n.nspacl', "'n'", 'n.nspowner')} || ' comment=' || coalesce(obj_description(n.oid, 'pg_namespace'), '-')
     FROM pg_namespace n WHERE ${USER_NS} AND n.nspname <> 'public'`,
  `SELECT 'ns public acl=' || ${acl('n.nspacl', "'n'", 'n.nspowner')} || ' comment=' || coalesce(obj_description(n.oid, 'pg_namespace'), '-') FROM pg_namespace n WHERE n.nspname = 'public'`,
  // types: enums, domains, composites and their ACLs and comments
  `SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype::text || ' acl=' || ${acl('t.typacl', "'T'", 't.typowner')} || ' comment=' || coalesce(obj_description(t.oid, 'pg_type'), '-')
     || CASE WHEN t.typtype = 'e' THEN ' labels=' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) ELSE '' END
     || CASE WHEN t.typtype = 'd' THEN ' base=' || format_type(t.typbasetype, t.typtypmod) || ' nn=' || t.typnotnull || ' def=' || coalesce(pg_get_expr(t.typdefaultbin, 0), '-')
             || ' coll=' || t.typcollation::regcollation::text ELSE '' END
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace LEFT JOIN pg_class r ON r.oid = t.typrelid
    WHERE ${USER_NS} AND (t.typtype IN ('e', 'd') OR (t.typtype = 'c' AND r.relkind = 'c')) AND ${notExt('pg_type', 't.oid')}`,
  // collations (every column of pg_collation but identifiers, the version, which names the library build, and
  // the encoding: on PostgreSQL 16+ a C/POSIX collation made FROM "POSIX" says -1 (any) while the same one made
  // with lc_collate/lc_ctype says the database's encoding; in one database both behave alike, and fas does not manage it)
  `SELECT 'coll ' || n.nspname || '.' || c.collname || ' ' || (to_jsonb(c) - 'oid' - 'collnamespace' - 'collowner' - 'collversion' - 'collname' - 'collencoding')::text
     || ' comment=' || coalesce(obj_description(c.oid, 'pg_collation'), '-')
     FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE ${USER_NS} AND ${notExt('pg_collation', 'c.oid')}`,
  // extensions
  `SELECT 'ext ' || x.extname || ' ' || x.extversion || ' ' || x.extnamespace::regnamespace::text FROM pg_extension x`,
  // default privileges
  `SELECT 'defacl ' || d.defaclrole::regrole::text || ' ' || coalesce(d.defaclnamespace::regnamespace::text, '-') || ' ' || d.defaclobjtype::text
     || ' ' || coalesce((SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(d.defaclacl) x), '-') FROM pg_default_acl d`,
];

const SQL = PARTS.map((p) => `(${p})`).join('\nUNION ALL\n') + '\nORDER BY 1';

/** privileges: false mirrors the round-trip rule's pg_dump --no-privileges. */
export async function independentPicture(url: string, opts: { privileges?: boolean } = {}): Promise<string[]> {
  const rows = await query<{ line: string }>(url, SQL);
  const lines = rows.map((r) => r.line);
  return opts.privileges === false ? lines.filter((l) => !l.startsWith('defacl ')).map((l) => l.replace(/ acl=\S*/g, '')) : lines;
}
