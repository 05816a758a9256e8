/**
 * Which relations a statement locks in a mode that writers wait behind (or
 * holds for a long scan), read from its parse tree: ALTER TABLE (and a foreign
 * key's referenced table), CREATE INDEX without CONCURRENTLY, DROP of a relation
 * or of a trigger/policy/rule on one, RENAME, triggers, policies, ANALYZE, ...
 * The executor runs such a statement on a relation that already exists in its
 * own short transaction, so its lock is not held across other steps.
 */
import { parseSingle } from '../sql/parser.js';
import { ident, qualified } from '../sql/quote.js';

/** Statement types that take such a lock on the relations they name. */
const LOCKING = new Set([
  'AlterTableStmt',
  'IndexStmt',
  'DropStmt',
  'RenameStmt',
  'CreateTrigStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'RuleStmt',
  'VacuumStmt',
  'TruncateStmt',
  'RefreshMatViewStmt',
  'CreateStmt',
  'AlterObjectSchemaStmt',
  'ClusterStmt',
  'LockStmt',
]);

const DROPPED_RELATIONS = new Set(['OBJECT_TABLE', 'OBJECT_INDEX', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_FOREIGN_TABLE']);
const DROPPED_ON_RELATION = new Set(['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE']);

type Json = Record<string, unknown>;

function rangeVars(node: unknown, out: string[]): void {
  if (Array.isArray(node)) {
    for (const x of node) rangeVars(x, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Json;
  if (typeof o.relname === 'string' && 'relpersistence' in o) {
    out.push(typeof o.schemaname === 'string' ? qualified(o.schemaname, o.relname) : ident(o.relname));
  }
  for (const v of Object.values(o)) if (v && typeof v === 'object') rangeVars(v, out);
}

function strings(list: unknown): string[] {
  const items = ((list as Json)?.List as Json | undefined)?.items as Json[] | undefined;
  return (items ?? []).map((x) => ((x.String as Json | undefined)?.sval as string) ?? '');
}

function relationName(parts: readonly string[]): string | null {
  if (parts.length === 1) return ident(parts[0]!);
  if (parts.length === 2) return qualified(parts[0]!, parts[1]!);
  return null;
}

export interface StatementShape {
  readonly nodeType: string;
  readonly node: Json;
  /** Relations (as regclass text) locked in a mode writers wait behind, or scanned under a lock. */
  readonly locks: readonly string[];
}

export async function statementShape(sql: string): Promise<StatementShape> {
  const p = await parseSingle(sql);
  const node = p.node as Json;
  const locks: string[] = [];
  if (p.nodeType === 'DropStmt') {
    const type = node.removeType as string;
    if (!node.concurrent && (DROPPED_RELATIONS.has(type) || DROPPED_ON_RELATION.has(type))) {
      for (const o of (node.objects as unknown[]) ?? []) {
        const parts = strings(o);
        const name = relationName(DROPPED_ON_RELATION.has(type) ? parts.slice(0, -1) : parts);
        if (name) locks.push(name);
      }
    }
  } else if (p.nodeType === 'IndexStmt') {
    if (!node.concurrent) rangeVars(node.relation, locks);
  } else if (LOCKING.has(p.nodeType)) rangeVars(node, locks);
  return { nodeType: p.nodeType, node, locks: [...new Set(locks)] };
}
