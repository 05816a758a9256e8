/**
 * Sizes in hazards: a REWRITES_TABLE, INDEX_BUILD or VALIDATES_CONSTRAINT
 * hazard names how big the table it touches is in the database the plan is
 * for ("rewrites app.t under an ACCESS EXCLUSIVE lock (column x changes type;
 * app.t: ~1.0M rows, 227 MB)"). The table comes from the statement's parse
 * tree, the size from readSizesOf (tables and materialized views). A
 * table the database does not hold (created by the plan) gets no size.
 */
import type { ObjectId } from '../catalog/model.js';
import { id } from '../catalog/ref.js';
import { describeSize, type TableSize, type TableSizes } from '../introspect/table-sizes.js';
import { loadParser, statementTable } from '../sql/statement-table.js';
import { type Hazard, isSizedHazard } from './hazards.js';

export interface SizedTable {
  readonly schema: string;
  readonly table: string;
  /** Keys of TableSizes it may have: table:schema.name, and matview:schema.name (an index on a materialized view). */
  readonly keys: readonly ObjectId[];
  /** "schema.name", as hazard messages name tables. */
  readonly name: string;
}

/**
 * The table (or materialized view) a statement scans or rewrites; an
 * unqualified name is taken from schema public (the default search_path).
 * Call loadParser() once first.
 */
export function sizedTableOf(sql: string): SizedTable | null {
  const t = statementTable(sql);
  if (!t) return null;
  const schema = t.schema ?? 'public';
  return { schema, table: t.name, keys: [id.relation('table', schema, t.name), id.relation('matview', schema, t.name)], name: `${schema}.${t.name}` };
}

/** Its size in `sizes`, or undefined when the database does not hold it. */
export function sizeOf(sizes: TableSizes, t: SizedTable): TableSize | undefined {
  for (const k of t.keys) {
    const s = sizes.get(k);
    if (s) return s;
  }
  return undefined;
}

/** The hazard with the table's size attached and appended to its message. */
export function withSize(h: Hazard, table: string, size: TableSize): Hazard {
  const text = `${table}: ${describeSize(size)}`;
  const message = h.message.endsWith(')') ? `${h.message.slice(0, -1)}; ${text})` : `${h.message} (${text})`;
  return { ...h, message, size: { table, rows: size.rows, bytes: size.bytes } };
}

/** Each sized hazard of each statement, with the size of its table in `sizes` (statements without one are returned as they are). */
export async function annotateHazardSizes<T extends { readonly sql: string; readonly hazards: readonly Hazard[] }>(statements: readonly T[], sizes: TableSizes): Promise<T[]> {
  await loadParser();
  return statements.map((s) => {
    if (!s.hazards.some((h) => isSizedHazard(h.type) && !h.size)) return s;
    const table = sizedTableOf(s.sql);
    const size = table && sizeOf(sizes, table);
    if (!table || !size) return s;
    return { ...s, hazards: s.hazards.map((h) => (isSizedHazard(h.type) && !h.size ? withSize(h, table.name, size) : h)) };
  });
}

/** The tables the sized hazards (REWRITES_TABLE, INDEX_BUILD, VALIDATES_CONSTRAINT) of `statements` touch: those whose sizes hazards show. */
export async function sizedHazardTables(statements: readonly { readonly sql: string; readonly hazards: readonly Hazard[] }[]): Promise<SizedTable[]> {
  return tablesOf(statements.filter((s) => s.hazards.some((h) => isSizedHazard(h.type))));
}

/** The tables statements scan or rewrite (ALTER TABLE, CREATE INDEX, CLUSTER, VACUUM), each once: the ones whose sizes to read. */
export async function tablesOf(statements: Iterable<{ readonly sql: string }>): Promise<SizedTable[]> {
  await loadParser();
  const out = new Map<ObjectId, SizedTable>();
  for (const s of statements) {
    const t = sizedTableOf(s.sql);
    if (!t) continue;
    const key = id.name('relname', t.schema, t.table);
    if (!out.has(key)) out.set(key, t);
  }
  return [...out.values()];
}
