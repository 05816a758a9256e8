/**
 * A few rows in every table of a scratch database, so that verification replays
 * plans on data and not on empty tables.
 *
 * Values come from each column's type (a small list of candidates per type:
 * digits, upper and lower case words, a fiscal period, dates, JSON objects,
 * the enum's labels, NULL where allowed, DEFAULT where declared). Foreign key
 * columns take the values of a row already in the referenced table (tables are
 * filled parents first). When the server rejects a row for a CHECK, NOT NULL
 * or UNIQUE constraint, the candidates of the columns that constraint names
 * advance like an odometer, up to a fixed number of attempts. A table that
 * cannot be filled is reported by name, never silently left empty.
 */
import type pg from 'pg';
import type { Catalog, Column, ObjectId, Table } from '../catalog/model.js';
import { id } from '../catalog/ref.js';
import { objectId } from '../catalog/identity.js';
import { ident, literal, qualified } from '../sql/quote.js';

export interface SampleReport {
  /** The table's id (as in Catalog.tables) -> rows inserted. */
  readonly filled: ReadonlyMap<ObjectId, number>;
  /** Tables left with fewer rows than asked (named schema.table, as the warning says), and why. */
  readonly skipped: readonly { readonly table: string; readonly reason: string }[];
}

const ATTEMPTS = 60;

function baseType(t: string): string {
  const i = t.indexOf('(');
  return (i < 0 ? t : t.slice(0, i)).trim();
}

/** Candidate SQL expressions for a value of `type` in row `i` (without NULL/DEFAULT). */
function typeCandidates(c: Catalog, type: string, i: number): string[] {
  const cast = (v: string) => `${literal(v)}::${type}`;
  if (type.endsWith('[]')) return [cast('{}')];
  const e = [...c.enums.values()].find((x) => qualified(x.schema, x.name) === type);
  if (e) return e.values.map(cast);
  const d = [...c.domains.values()].find((x) => qualified(x.schema, x.name) === type);
  if (d) return typeCandidates(c, d.baseType, i).map((v) => `(${v})::${type}`);
  const n = i + 1;
  switch (baseType(type)) {
    case 'smallint':
    case 'integer':
    case 'bigint':
      return [String(n), '0', String(100 + n)].map(cast);
    case 'numeric':
    case 'real':
    case 'double precision':
    case 'money':
      return [String(n), '0', '0.5'].map(cast);
    case 'boolean':
      return ['true', 'false'].map(cast);
    case 'text':
    case 'character varying':
    case 'character':
    case 'citext':
    case 'name':
      return [`A${n}`, `a${n}`, `${2020 + n}-Q${(i % 4) + 1}`, `x ${n}`, String(n)].map(cast);
    case 'uuid':
      return [cast(`00000000-0000-4000-8000-${String(n).padStart(12, '0')}`)];
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return [`2024-01-0${(i % 9) + 1} 12:00:00+00`, '2025-06-01 00:00:00+00'].map(cast);
    case 'date':
      return [`2024-01-0${(i % 9) + 1}`].map(cast);
    case 'time without time zone':
    case 'time with time zone':
      return ['12:00:00'].map(cast);
    case 'interval':
      return [`${n} days`].map(cast);
    case 'json':
    case 'jsonb':
      return [`{"k": ${n}}`, '[]', String(n)].map(cast);
    case 'bytea':
      return [`\\x0${n % 10}`].map(cast);
    case 'inet':
    case 'cidr':
      return [`10.0.0.${n}`].map(cast);
    default:
      return [];
  }
}

function candidates(c: Catalog, col: Column, i: number): string[] {
  const out = typeCandidates(c, col.type, i);
  if (col.default !== null) out.unshift('DEFAULT');
  if (!col.notNull) out.push('NULL');
  return out.length ? out : ['NULL'];
}

interface ForeignKey {
  readonly columns: readonly string[];
  readonly refTable: string; // qualified SQL
  /** The referenced table's id (as in Catalog.tables). */
  readonly refTableId: ObjectId;
  readonly refColumns: readonly string[];
}

/** The foreign keys of every table, by the table's id. */
async function foreignKeys(client: pg.Client): Promise<Map<ObjectId, ForeignKey[]>> {
  const r = await client.query<{ ts: string; tt: string; cols: string[]; rs: string; rt: string; refcols: string[] }>(
    `SELECT n.nspname AS ts, c.relname AS tt,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num) AS cols,
            rn.nspname AS rs, rc.relname AS rt,
            (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num) AS refcols
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype = 'f'`,
  );
  const out = new Map<ObjectId, ForeignKey[]>();
  for (const x of r.rows) {
    const table = id.relation('table', x.ts, x.tt);
    const l = out.get(table) ?? [];
    l.push({ columns: x.cols, refTable: qualified(x.rs, x.rt), refTableId: id.relation('table', x.rs, x.rt), refColumns: x.refcols });
    out.set(table, l);
  }
  return out;
}

/** Tables parents first (foreign keys), cycles broken by name order. */
function fillOrder(tables: readonly Table[], fks: Map<ObjectId, ForeignKey[]>): Table[] {
  const byKey = new Map(tables.map((t) => [objectId(t), t]));
  const done = new Set<ObjectId>();
  const visiting = new Set<ObjectId>();
  const out: Table[] = [];
  const visit = (k: ObjectId) => {
    if (done.has(k) || visiting.has(k) || !byKey.has(k)) return;
    visiting.add(k);
    for (const f of fks.get(k) ?? []) visit(f.refTableId);
    visiting.delete(k);
    done.add(k);
    out.push(byKey.get(k)!);
  };
  for (const k of [...byKey.keys()].sort()) visit(k);
  return out;
}

async function constraintColumns(client: pg.Client, table: string, constraint: string): Promise<string[]> {
  const r = await client.query<{ attname: string }>(
    `SELECT a.attname FROM pg_constraint k JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
      WHERE k.conrelid = $1::regclass AND k.conname = $2
     UNION
     SELECT a.attname FROM pg_class ic JOIN pg_index i ON i.indexrelid = ic.oid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
      WHERE i.indrelid = $1::regclass AND ic.relname = $2`,
    [table, constraint],
  );
  return r.rows.map((x) => x.attname);
}

async function fillTable(client: pg.Client, c: Catalog, t: Table, fks: readonly ForeignKey[], rows: number): Promise<{ inserted: number; reason?: string }> {
  const table = qualified(t.schema, t.name);
  const cols = t.columns.filter((x) => !x.inherited && x.generated === null && x.identity === null);
  const fkCols = new Set(fks.flatMap((f) => f.columns));
  const free = cols.filter((x) => !fkCols.has(x.name));
  let inserted = 0;
  let reason: string | undefined;
  for (let i = 0; i < rows; i++) {
    // foreign key columns: a referenced row (the i-th, cycling), agreeing with the columns an overlapping key already set
    const fixed = new Map<string, string>();
    const raw = new Map<string, string | null>();
    for (const f of [...fks].sort((a, b) => b.columns.length - a.columns.length)) {
      const agree = f.columns.flatMap((name, j) => (raw.has(name) ? [raw.get(name) === null ? `${ident(f.refColumns[j]!)} IS NULL` : `${ident(f.refColumns[j]!)}::text = ${literal(raw.get(name)!)}`] : []));
      const select = `SELECT ${f.refColumns.map((x, j) => `${ident(x)}::text AS c${j}`).join(', ')} FROM ${f.refTable}${agree.length ? ` WHERE ${agree.join(' AND ')}` : ''} ORDER BY 1`;
      const row = (await client.query<Record<string, string | null>>(`${select} OFFSET ${i} LIMIT 1`)).rows[0] ?? (await client.query<Record<string, string | null>>(`${select} LIMIT 1`)).rows[0];
      f.columns.forEach((name, j) => {
        const col = t.columns.find((x) => x.name === name);
        const v = row?.[`c${j}`] ?? null;
        if (!col || fixed.has(name)) return;
        raw.set(name, v);
        fixed.set(name, v === null ? 'NULL' : `${literal(v)}::${col.type}`);
      });
    }
    const cand = new Map(free.map((x) => [x.name, candidates(c, x, i)]));
    const at = new Map(free.map((x) => [x.name, 0]));
    const advance = (names: readonly string[]) => {
      // an odometer over the named columns: the first one that does not wrap stops the carry
      for (const n of names.filter((x) => at.has(x))) {
        const next = at.get(n)! + 1;
        if (next < cand.get(n)!.length) {
          at.set(n, next);
          return true;
        }
        at.set(n, 0);
      }
      return false;
    };
    let ok = false;
    for (let attempt = 0; attempt < ATTEMPTS && !ok; attempt++) {
      const names = [...cols.map((x) => x.name)];
      const values = cols.map((x) => fixed.get(x.name) ?? cand.get(x.name)![at.get(x.name)!]!);
      const sql = names.length ? `INSERT INTO ${table} (${names.map(ident).join(', ')}) VALUES (${values.join(', ')})` : `INSERT INTO ${table} DEFAULT VALUES`;
      try {
        await client.query(sql);
        ok = true;
      } catch (e) {
        const err = e as { code?: string; constraint?: string; column?: string; message: string };
        reason = err.message;
        let involved: string[] = [];
        if (err.code === '23502' && err.column) involved = [err.column];
        else if ((err.code === '23514' || err.code === '23505') && err.constraint) involved = await constraintColumns(client, table, err.constraint);
        else if (err.code?.startsWith('22')) involved = free.map((x) => x.name);
        else break;
        if (!advance(involved) && !advance(free.map((x) => x.name).filter((x) => !involved.includes(x)))) break;
      }
    }
    if (ok) inserted++;
  }
  return { inserted, reason: inserted < rows ? reason ?? 'no candidate values' : undefined };
}

/** Insert up to `rows` rows into every table of `catalog` (a scratch database, autocommit). */
export async function sampleRows(client: pg.Client, catalog: Catalog, rows = 3, inScope: (schema: string) => boolean = () => true): Promise<SampleReport> {
  const fks = await foreignKeys(client);
  const tables = [...catalog.tables.values()].filter((t) => inScope(t.schema) && t.partitioning === null);
  const filled = new Map<ObjectId, number>();
  const skipped: { table: string; reason: string }[] = [];
  for (const t of fillOrder(tables, fks)) {
    const k = objectId(t);
    const r = await fillTable(client, catalog, t, fks.get(k) ?? [], rows);
    filled.set(k, r.inserted);
    if (r.reason) skipped.push({ table: `${t.schema}.${t.name}`, reason: r.reason });
  }
  return { filled, skipped };
}
