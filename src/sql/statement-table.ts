/**
 * The table a statement works on, read from its parse tree (libpg-query):
 * ALTER TABLE (a type change, VALIDATE CONSTRAINT, ADD CONSTRAINT, SET
 * LOGGED, ...), CREATE INDEX, CLUSTER, VACUUM (its first relation). The
 * hazards that scan or rewrite a table (REWRITES_TABLE, INDEX_BUILD,
 * VALIDATES_CONSTRAINT) are sized by it. Other statements (ALTER DOMAIN ADD
 * CONSTRAINT, VACUUM of a whole database) name no table: null.
 */
import { loadModule } from 'libpg-query';
import { parseSyncOnce } from './parse-memo.js';

type Node = Record<string, unknown>;

export interface StatementTable {
  /** Undefined when the statement does not qualify the name. */
  readonly schema: string | undefined;
  readonly name: string;
}

function obj(v: unknown): Node | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
}

/** Schema and name of a RangeVar node (bare or wrapped as { RangeVar: ... }). */
export function rangeVarParts(v: unknown): { schema: string | undefined; table: string } {
  const n = obj(v);
  const r = obj(n?.RangeVar) ?? n;
  return { schema: typeof r?.schemaname === 'string' ? r.schemaname : undefined, table: String(r?.relname ?? '?') };
}

function fromRangeVar(v: unknown): StatementTable | null {
  if (!obj(v)) return null;
  const p = rangeVarParts(v);
  return p.table === '?' ? null : { schema: p.schema, name: p.table };
}

const TABLE_OF: Record<string, (n: Node) => StatementTable | null> = {
  AlterTableStmt: (n) => (n.objtype === 'OBJECT_TABLE' ? fromRangeVar(n.relation) : null),
  IndexStmt: (n) => fromRangeVar(n.relation),
  ClusterStmt: (n) => fromRangeVar(n.relation),
  VacuumStmt: (n) => {
    const first = Array.isArray(n.rels) ? obj(n.rels[0]) : undefined;
    return fromRangeVar(obj(first?.VacuumRelation)?.relation);
  },
};

/** The table of one parsed statement node ({ AlterTableStmt: {...} } unwrapped: its type and body). */
export function tableOfNode(nodeType: string, node: Node): StatementTable | null {
  return TABLE_OF[nodeType]?.(node) ?? null;
}

let loaded = false;

/** Load the parser once, so that statementTable can parse synchronously. */
export async function loadParser(): Promise<void> {
  await loadModule();
  loaded = true;
}

/** The table of one SQL statement (loadParser first); null when it names none or does not parse. */
export function statementTable(sql: string): StatementTable | null {
  // without the module every statement would "not parse" and name no table: a programming error, not an answer
  if (!loaded) throw new Error('statementTable: call loadParser() first');
  let stmts: { stmt: Node }[];
  try {
    stmts = (parseSyncOnce(sql) as { stmts?: { stmt: Node }[] }).stmts ?? [];
  } catch {
    return null;
  }
  if (stmts.length !== 1) return null;
  const [nodeType, node] = Object.entries(stmts[0]!.stmt)[0] ?? [];
  return nodeType && obj(node) ? tableOfNode(nodeType, node as Node) : null;
}
