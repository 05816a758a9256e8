/**
 * Column types as apply-time hazard derivation needs them: is an
 * `ALTER COLUMN ... TYPE` binary-coercible (catalog only) or a rewrite? The
 * old type comes from what the run itself created or changed earlier, else
 * from the live target; the new type from the statement's TypeName node.
 * Types are spelled as format_type() spells them, so that the planner's rule
 * (src/plan/type-change.ts) decides.
 */

import type { ObjectId } from '../catalog/model.js';
import { id } from '../catalog/ref.js';
import { ident, qualified } from '../sql/quote.js';

type Node = Record<string, unknown>;

/** The live type of a column (format_type), undefined when unknown. */
export type LiveColumnType = (schema: string | undefined, table: string, column: string) => Promise<string | undefined>;

/** format_type() names of the built-in types whose changes may be catalog-only; other names make the change a rewrite. */
const BUILTIN: Record<string, string> = {
  varchar: 'character varying',
  text: 'text',
  bpchar: 'character',
  cidr: 'cidr',
  inet: 'inet',
  varbit: 'bit varying',
  bit: 'bit',
  numeric: 'numeric',
  timestamp: 'timestamp without time zone',
  timestamptz: 'timestamp with time zone',
  time: 'time without time zone',
  timetz: 'time with time zone',
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
};

/** The format_type() spelling of a TypeName node, or undefined for a type this module does not spell. */
export function typeNameText(typeName: unknown): string | undefined {
  const t = typeName as Node | undefined;
  if (!t || t.setof || t.pct_type) return undefined;
  const names = (Array.isArray(t.names) ? t.names : []).map((n) => ((n as Node).String as Node | undefined)?.sval);
  if (names.some((n) => typeof n !== 'string')) return undefined;
  const parts = names as string[];
  if (parts.length > 2 || (parts.length === 2 && parts[0] !== 'pg_catalog')) return undefined;
  const base = BUILTIN[parts[parts.length - 1]!];
  if (!base) return undefined;
  const mods = (Array.isArray(t.typmods) ? t.typmods : []).map((m) => (((m as Node).A_Const as Node | undefined)?.ival as Node | undefined)?.ival);
  if (mods.some((m) => typeof m !== 'number')) return undefined;
  const mod = mods.length ? `(${mods.join(',')})` : '';
  const zone = base.indexOf(' with');
  const text = mod && zone > 0 ? `${base.slice(0, zone)}${mod}${base.slice(zone)}` : `${base}${mod}`;
  return Array.isArray(t.arrayBounds) && t.arrayBounds.length ? `${text}[]` : text;
}

/**
 * What the run knows about column types, statement by statement: types it
 * set itself, columns and tables whose type it can no longer tell (renamed,
 * dropped, re-created), and the live target for everything else.
 */
export class ColumnTypeTracker {
  /** By table: column -> the type the run set (null: set, but not one this module spells). */
  private readonly known = new Map<ObjectId, Map<string, string | null>>();
  private readonly dirtyTables = new Set<ObjectId>();

  constructor(private readonly live?: LiveColumnType) {}

  /** A table as the statements name it: an unqualified name (found by search_path) is kept apart from a qualified one. */
  private static table(schema: string | undefined, table: string): ObjectId {
    return id.name('relname', schema ?? '', table);
  }

  async typeOf(schema: string | undefined, table: string, column: string): Promise<string | undefined> {
    const t = ColumnTypeTracker.table(schema, table);
    const columns = this.known.get(t);
    if (columns?.has(column)) return columns.get(column) ?? undefined;
    if (this.dirtyTables.has(t) || !this.live) return undefined;
    return this.live(schema, table, column);
  }

  set(schema: string | undefined, table: string, column: string, type: string | undefined): void {
    const t = ColumnTypeTracker.table(schema, table);
    const columns = this.known.get(t) ?? new Map<string, string | null>();
    columns.set(column, type ?? null);
    this.known.set(t, columns);
  }

  /** A table this run re-creates, renames or drops: only the types the run sets from now on are known. */
  forgetTable(schema: string | undefined, table: string): void {
    const t = ColumnTypeTracker.table(schema, table);
    this.dirtyTables.add(t);
    this.known.delete(t);
  }
}

/** Column types read from the target (the connection apply holds). */
export function liveColumnTypes(client: { query<R>(sql: string, params: unknown[]): Promise<{ rows: R[] }> }): LiveColumnType {
  return async (schema, table, column) => {
    const rel = schema === undefined ? ident(table) : qualified(schema, table);
    const r = await client.query<{ t: string }>(
      `SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) AS t FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = pg_catalog.to_regclass($1) AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped`,
      [rel, column],
    );
    return r.rows[0]?.t;
  };
}
