/**
 * The data-loss invariant, checked on a scratch database that holds rows: no
 * plan makes a column's values disappear without a DELETES_DATA hazard that
 * names the column (or its table). Values are compared per column as sorted
 * multisets of their text form; a column whose type changes must keep as many
 * non-NULL values (the text form may change with the type).
 */
import type pg from 'pg';
import type { Catalog, ObjectId } from '../catalog/model.js';
import { id } from '../catalog/ref.js';
import type { Rename } from '../diff/renames.js';
import type { Statement } from '../plan/statement.js';
import { ident, qualified } from '../sql/quote.js';

export interface ColumnValues {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly type: string;
  /** Sorted text forms; NULL as null. */
  readonly values: readonly (string | null)[];
}

/** A column's key (id.column) -> its values, for every table in scope. */
export type ValueSnapshot = ReadonlyMap<ObjectId, ColumnValues>;

export async function snapshotValues(client: pg.Client, catalog: Catalog, inScope: (schema: string) => boolean = () => true): Promise<ValueSnapshot> {
  const out = new Map<ObjectId, ColumnValues>();
  for (const t of catalog.tables.values()) {
    if (!inScope(t.schema) || t.partitioning !== null || !t.columns.length) continue;
    const cols = t.columns;
    const r = await client.query<Record<string, string | null>>({
      text: `SELECT ${cols.map((c, i) => `${ident(c.name)}::text AS c${i}`).join(', ')} FROM ONLY ${qualified(t.schema, t.name)}`,
    });
    cols.forEach((c, i) => {
      const values = r.rows.map((row) => row[`c${i}`] ?? null).sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
      out.set(id.column(t.schema, t.name, c.name), { schema: t.schema, table: t.name, column: c.name, type: c.type, values });
    });
  }
  return out;
}

/** Where a column of the `before` side is after the renames of a plan. */
function renamedKey(schema: string, table: string, column: string, renames: readonly Rename[]): ObjectId {
  let t = table;
  for (const r of renames) if (r.kind === 'table' && r.schema === schema && r.from === t) t = r.to;
  let c = column;
  for (const r of renames) if (r.kind === 'column' && r.schema === schema && r.parent === t && r.from === c) c = r.to;
  return id.column(schema, t, c);
}

/** Whether a DELETES_DATA hazard of the plan names the column or its table. */
function named(statements: readonly Statement[], schema: string, table: string, column: string): boolean {
  const names = [`${schema}.${table}.${column}`, `${schema}.${table}`];
  return statements.some((s) => s.hazards.some((h) => h.type === 'DELETES_DATA' && (h.objects ?? []).some((o) => names.includes(o))));
}

/** Enum values renamed by the plan, as they read afterwards. */
function renamedValues(v: ColumnValues, renames: readonly Rename[]): (string | null)[] {
  const mine = renames.filter((r) => r.kind === 'enum-value' && qualified(r.schema, r.parent!) === v.type);
  if (!mine.length) return [...v.values];
  return v.values.map((x) => mine.find((r) => r.from === x)?.to ?? x).sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
}

/** Columns whose values the plan loses or changes without a DELETES_DATA hazard naming them. */
export function lostValues(before: ValueSnapshot, after: ValueSnapshot, statements: readonly Statement[], renames: readonly Rename[]): string[] {
  const problems: string[] = [];
  for (const was of before.values()) {
    if (!was.values.length) continue;
    const { schema, table, column } = was;
    const name = `${schema}.${table}.${column}`;
    if (named(statements, schema, table, column)) continue;
    const now = after.get(renamedKey(schema, table, column, renames));
    if (!now) {
      problems.push(`column ${name} and its ${was.values.length} value(s) disappear, but no DELETES_DATA hazard names it`);
      continue;
    }
    if (now.type === was.type) {
      const want = renamedValues(was, renames);
      if (JSON.stringify(want) !== JSON.stringify(now.values))
        problems.push(`the values of column ${name} change (${JSON.stringify(want)} -> ${JSON.stringify(now.values)}), but no DELETES_DATA hazard names it`);
    } else {
      const count = (xs: readonly (string | null)[]) => xs.filter((x) => x !== null).length;
      if (count(now.values) < count(was.values) || now.values.length < was.values.length)
        problems.push(`column ${name} (${was.type} -> ${now.type}) loses values (${count(was.values)} non-NULL before, ${count(now.values)} after), but no DELETES_DATA hazard names it`);
    }
  }
  return problems;
}
