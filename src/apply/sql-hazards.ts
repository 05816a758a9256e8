/**
 * Hazards derived from the SQL itself (the parse tree of libpg-query), not
 * from the step comments: a hand-written or hand-edited step that deletes or
 * rewrites data is caught like a generated one. Only blocking hazard types are
 * derived (the ones the gate acts on); informational ones stay as declared.
 *
 * Rules (what the statement can do to stored values, read from its node):
 * - TRUNCATE, DELETE, UPDATE, MERGE with UPDATE/DELETE, INSERT ... ON CONFLICT
 *   DO UPDATE, DROP DATABASE, DROP OWNED: DELETES_DATA.
 * - DROP TABLE / MATERIALIZED VIEW / SEQUENCE / SCHEMA: DELETES_DATA (as the
 *   planner declares), except a DROP TABLE of a table whose rows an earlier
 *   plain `INSERT ... SELECT cols FROM that_table` of the same section copied
 *   (the planner's rebuild; the columns it leaves out carry their own declared
 *   DELETES_DATA).
 * - Any other DROP (type, domain, function, view, index, ...) with CASCADE:
 *   DELETES_DATA (CASCADE drops dependent columns and tables too). Without
 *   CASCADE PostgreSQL refuses to drop what stored values depend on.
 * - ALTER TABLE ... DROP COLUMN (and ALTER TYPE ... DROP ATTRIBUTE CASCADE):
 *   DELETES_DATA.
 * - ALTER COLUMN ... TYPE: REWRITES_TABLE, unless the step already declares a
 *   type-change hazard (REWRITES_TABLE, NARROWS_TYPE, ENUM_VALUE_REMOVED: the
 *   planner assessed that change), or the change is binary-coercible by the
 *   planner's rule (src/plan/type-change.ts) from the column's type as this
 *   run left it or, failing that, as the live target has it.
 * - ALTER TABLE SET LOGGED/UNLOGGED, SET TABLESPACE, SET ACCESS METHOD,
 *   VACUUM FULL, CLUSTER: REWRITES_TABLE.
 */
import type { Hazard, HazardType } from '../plan/hazards.js';
import type { Statement } from '../plan/statement.js';
import { typeChangeRewrites } from '../plan/type-change.js';
import { parseSingle } from '../sql/parser.js';
import { rangeVarParts } from '../sql/statement-table.js';
import { ColumnTypeTracker, type LiveColumnType, typeNameText } from './column-types.js';

type Node = Record<string, unknown>;

/** What the derivation knows about earlier steps of the same section. */
interface SectionContext {
  /** Tables ("schema.name" or "name") whose rows an earlier step copied whole into another table. */
  readonly copiedFrom: Set<string>;
  /** Hazard types the step itself declares. */
  readonly declared: ReadonlySet<HazardType>;
  /** Column types as the run leaves them (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE, renames and drops). */
  readonly tracker: ColumnTypeTracker;
  /** ALTER COLUMN ... TYPE of this statement, resolved once the rule ran. */
  readonly typeChanges: TypeChange[];
}

interface TypeChange {
  readonly schema: string | undefined;
  readonly table: string;
  readonly column: string;
  /** The new type as format_type() spells it; undefined when not a type the rule spells. */
  readonly to: string | undefined;
}

type Rule = (node: Node, ctx: SectionContext) => Hazard[];

const deletes = (message: string): Hazard => ({ type: 'DELETES_DATA', message });
const rewrites = (message: string): Hazard => ({ type: 'REWRITES_TABLE', message });

function obj(v: unknown): Node | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

function arr(v: unknown): Node[] {
  return Array.isArray(v) ? (v as Node[]) : [];
}

/** "schema.name" of a RangeVar node (bare or wrapped as { RangeVar: ... }). */
function rangeVarName(v: unknown): string {
  const n = obj(v);
  const r = obj(n?.RangeVar) ?? n;
  if (!r) return '?';
  return [r.catalogname, r.schemaname, r.relname].filter((x) => typeof x === 'string').join('.');
}

/** The dotted name of a DropStmt object: a List of Strings, a String, a TypeName or an ObjectWithArgs. */
function dropObjectName(v: unknown): string {
  const n = obj(v);
  if (!n) return '?';
  const strings = (items: unknown): string => arr(items).map((x) => (obj(x)?.String as Node | undefined)?.sval).filter((x) => typeof x === 'string').join('.');
  if (n.List) return strings((n.List as Node).items);
  if (n.String) return String((n.String as Node).sval);
  if (n.TypeName) return strings((n.TypeName as Node).names);
  if (n.ObjectWithArgs) return strings((n.ObjectWithArgs as Node).objname);
  return '?';
}

const DROP_WHAT: Record<string, string> = {
  OBJECT_TABLE: 'drops table %s and all its rows',
  OBJECT_MATVIEW: 'drops materialized view %s and its rows',
  OBJECT_SEQUENCE: 'drops sequence %s and its current value',
  OBJECT_SCHEMA: 'drops schema %s and everything in it',
};

const dropRule: Rule = (n, ctx) => {
  const type = String(n.removeType);
  const cascade = n.behavior === 'DROP_CASCADE';
  const out: Hazard[] = [];
  for (const o of arr(n.objects)) {
    const name = dropObjectName(o);
    const what = DROP_WHAT[type];
    if (what) {
      if (type === 'OBJECT_TABLE') {
        const parts = arr(obj(o)?.List && (obj(o)!.List as Node).items).map((x) => String(obj(x.String)?.sval));
        ctx.tracker.forgetTable(parts.length > 1 ? parts[parts.length - 2] : undefined, parts[parts.length - 1] ?? name);
      }
      if (type === 'OBJECT_TABLE' && !cascade && ctx.copiedFrom.has(name)) continue;
      out.push(deletes(what.replace('%s', name) + (cascade ? ', and with CASCADE every dependent object' : '')));
    } else if (cascade) {
      const kind = type.replace(/^OBJECT_/, '').toLowerCase().replace(/_/g, ' ');
      out.push(deletes(`drops ${kind} ${name} with CASCADE, which also drops every dependent object (columns and tables included)`));
    }
  }
  return out;
};

type AlterCmdRule = (cmd: Node, table: string, objtype: string, ctx: SectionContext, rel: { schema: string | undefined; table: string }) => Hazard[];

const ALTER_TABLE_CMD: Record<string, AlterCmdRule> = {
  AT_AddColumn: (cmd, _t, _o, ctx, rel) => {
    const def = obj(obj(cmd.def)?.ColumnDef);
    if (def) ctx.tracker.set(rel.schema, rel.table, String(def.colname), typeNameText(def.typeName));
    return [];
  },
  AT_DropColumn: (cmd, table, objtype, ctx, rel) => {
    ctx.tracker.set(rel.schema, rel.table, String(cmd.name), undefined);
    if (objtype === 'OBJECT_TYPE') return cmd.behavior === 'DROP_CASCADE' ? [deletes(`drops attribute ${table}.${String(cmd.name)} with CASCADE, and with it the values columns of that type hold`)] : [];
    return [deletes(`drops column ${table}.${String(cmd.name)} and its values`)];
  },
  AT_AlterColumnType: (cmd, _table, objtype, ctx, rel) => {
    if (objtype === 'OBJECT_TYPE') return [];
    const def = obj(obj(cmd.def)?.ColumnDef);
    const collate = def?.collClause !== undefined;
    ctx.typeChanges.push({ ...rel, column: String(cmd.name), to: collate ? undefined : typeNameText(def?.typeName) });
    return [];
  },
  AT_SetLogged: (_c, table) => [rewrites(`SET LOGGED rewrites ${table} under an ACCESS EXCLUSIVE lock`)],
  AT_SetUnLogged: (_c, table) => [rewrites(`SET UNLOGGED rewrites ${table} under an ACCESS EXCLUSIVE lock`)],
  AT_SetTableSpace: (_c, table) => [rewrites(`SET TABLESPACE copies ${table} under an ACCESS EXCLUSIVE lock`)],
  AT_SetAccessMethod: (_c, table) => [rewrites(`SET ACCESS METHOD rewrites ${table} under an ACCESS EXCLUSIVE lock`)],
};

const alterTableRule: Rule = (n, ctx) => {
  const table = rangeVarName(n.relation);
  const objtype = String(n.objtype);
  return arr(n.cmds).flatMap((c) => {
    const cmd = obj(c.AlterTableCmd);
    const rule = cmd ? ALTER_TABLE_CMD[String(cmd.subtype)] : undefined;
    return cmd && rule ? rule(cmd, table, objtype, ctx, rangeVarParts(n.relation)) : [];
  });
};

/** A plain `INSERT INTO t (...) SELECT cols FROM src` (no WHERE, LIMIT, grouping, set operation): the source's rows are copied whole. */
function wholeCopySource(n: Node): string | undefined {
  const sel = obj(obj(n.selectStmt)?.SelectStmt);
  if (!sel || n.onConflictClause) return undefined;
  const from = arr(sel.fromClause);
  if (from.length !== 1 || !from[0]!.RangeVar) return undefined;
  const partial = ['whereClause', 'limitCount', 'limitOffset', 'groupClause', 'havingClause', 'distinctClause', 'valuesLists'].some((k) => sel[k] !== undefined);
  if (partial || (sel.op !== undefined && sel.op !== 'SETOP_NONE')) return undefined;
  return rangeVarName(from[0]);
}

const RULES: Record<string, Rule> = {
  TruncateStmt: (n) => arr(n.relations).map((r) => deletes(`TRUNCATE empties ${rangeVarName(r)}: every row is deleted`)),
  DeleteStmt: (n) => [deletes(`DELETE removes rows from ${rangeVarName(n.relation)}${n.whereClause ? ' (those matching its WHERE clause)' : ' (all of them: no WHERE clause)'}`)],
  UpdateStmt: (n) => {
    const cols = arr(n.targetList).map((t) => String((obj(t.ResTarget) as Node | undefined)?.name ?? '?'));
    return [deletes(`UPDATE overwrites ${cols.join(', ')} in ${rangeVarName(n.relation)}${n.whereClause ? ' (rows matching its WHERE clause)' : ' (every row)'}; the old values are lost`)];
  },
  MergeStmt: (n) => {
    const kinds = new Set(arr(n.mergeWhenClauses).map((w) => String(obj(w.MergeWhenClause)?.commandType)));
    const what = [kinds.has('CMD_DELETE') ? 'deletes' : '', kinds.has('CMD_UPDATE') ? 'overwrites' : ''].filter(Boolean);
    return what.length ? [deletes(`MERGE ${what.join(' and ')} rows of ${rangeVarName(n.relation)}`)] : [];
  },
  InsertStmt: (n, ctx) => {
    const src = wholeCopySource(n);
    if (src) ctx.copiedFrom.add(src);
    return obj(n.onConflictClause)?.action === 'ONCONFLICT_UPDATE' ? [deletes(`INSERT ... ON CONFLICT DO UPDATE overwrites existing rows of ${rangeVarName(n.relation)}`)] : [];
  },
  DropStmt: dropRule,
  CreateStmt: (n, ctx) => {
    const rel = rangeVarParts(n.relation);
    ctx.tracker.forgetTable(rel.schema, rel.table);
    for (const e of arr(n.tableElts)) {
      const def = obj(e.ColumnDef);
      if (def) ctx.tracker.set(rel.schema, rel.table, String(def.colname), def.collClause === undefined ? typeNameText(def.typeName) : undefined);
    }
    return [];
  },
  RenameStmt: (n, ctx) => {
    if (n.relation) {
      const rel = rangeVarParts(n.relation);
      ctx.tracker.forgetTable(rel.schema, rel.table);
      if (typeof n.newname === 'string' && n.renameType === 'OBJECT_TABLE') ctx.tracker.forgetTable(rel.schema, n.newname);
    }
    return [];
  },
  AlterTableStmt: alterTableRule,
  DropdbStmt: (n) => [deletes(`DROP DATABASE ${String(n.dbname)} deletes a whole database`)],
  DropOwnedStmt: () => [deletes('DROP OWNED drops every object the role(s) own, tables and their rows included')],
  VacuumStmt: (n) => {
    const full = arr(n.options).some((o) => String(obj(o.DefElem)?.defname).toLowerCase() === 'full');
    if (!full || !n.is_vacuumcmd) return [];
    const rels = arr(n.rels).map((r) => rangeVarName(obj(r.VacuumRelation)?.relation));
    return [rewrites(`VACUUM FULL rewrites ${rels.length ? rels.join(', ') : 'every table of the database'} under an ACCESS EXCLUSIVE lock`)];
  },
  ClusterStmt: (n) => [rewrites(`CLUSTER rewrites ${n.relation ? rangeVarName(n.relation) : 'every clustered table'} under an ACCESS EXCLUSIVE lock`)],
};

const TYPE_CHANGE_HAZARDS: ReadonlySet<HazardType> = new Set(['REWRITES_TABLE', 'NARROWS_TYPE', 'ENUM_VALUE_REMOVED']);

/** REWRITES_TABLE for a type change unless declared or binary-coercible from the type the column has when the statement runs. */
async function typeChangeHazard(c: TypeChange, ctx: SectionContext): Promise<Hazard[]> {
  const from = await ctx.tracker.typeOf(c.schema, c.table, c.column);
  ctx.tracker.set(c.schema, c.table, c.column, c.to);
  if ([...ctx.declared].some((t) => TYPE_CHANGE_HAZARDS.has(t))) return [];
  if (from !== undefined && c.to !== undefined && !typeChangeRewrites(from, c.to)) return [];
  const name = `${c.schema ? `${c.schema}.` : ''}${c.table}`;
  const what = from && c.to ? `from ${from} to ${c.to}` : c.to ? `to ${c.to}` : '';
  return [rewrites(`changes the type of ${name}.${c.column}${what ? ` ${what}` : ''}: PostgreSQL rewrites ${name} and its indexes under an ACCESS EXCLUSIVE lock${from === undefined ? ' unless the change is binary-coercible' : ''}, and values that do not convert make it fail`)];
}

/** What derivation carries from one statement to the next, across the sections of one run. */
export interface DerivationState {
  readonly copiedFrom: Set<string>;
  readonly tracker: ColumnTypeTracker;
}

export function derivationState(live?: LiveColumnType): DerivationState {
  return { copiedFrom: new Set(), tracker: new ColumnTypeTracker(live) };
}

/** The blocking hazards one statement's SQL carries. */
export async function deriveStatementHazards(sql: string, declared: readonly Hazard[], state: DerivationState): Promise<Hazard[]> {
  const parsed = await parseSingle(sql);
  const rule = RULES[parsed.nodeType];
  const ctx: SectionContext = { copiedFrom: state.copiedFrom, declared: new Set(declared.map((h) => h.type)), tracker: state.tracker, typeChanges: [] };
  const out = rule ? rule(parsed.node, ctx) : [];
  for (const c of ctx.typeChanges) out.push(...(await typeChangeHazard(c, ctx)));
  return out;
}

/**
 * Per step of a section: the derived hazards whose type the step does not
 * already declare. Pass one state to the sections of a run, in order.
 */
export async function deriveSectionHazards(statements: readonly Statement[], state: DerivationState = derivationState()): Promise<Hazard[][]> {
  const out: Hazard[][] = [];
  for (const s of statements) {
    const declared = new Set(s.hazards.map((h) => h.type));
    const derived = await deriveStatementHazards(s.sql, s.hazards, state);
    const seen = new Set<string>();
    out.push(derived.filter((h) => !declared.has(h.type) && !seen.has(h.message) && seen.add(h.message)));
  }
  return out;
}
