/**
 * What a parsed statement defines and what it references, read from the parse
 * tree (never from SQL text). Unqualified names are resolved leniently to
 * `public` (they may as well resolve to pg_catalog or a CTE). What each kind of
 * statement defines: statement-defs.ts.
 */
import type { Def, Loc, Use } from './types.js';
import { qnameOf, type QName } from './names.js';
import type { Ref } from '../catalog/ref.js';
import { type Obj, isObj, rangeVarName, refTo } from './parse-tree.js';
import { type BodyRefs, StatementAnalysis, analyzeNode } from './statement-defs.js';

/** Maps a parse-tree byte location (or undefined) to a file location. */
export type Locate = (byteOffset: number | undefined) => Loc;

export interface Analysis {
  readonly priority: number;
  readonly defs: Def[];
  readonly refs: Use[];
  readonly modifies: Ref[];
  readonly consumer: boolean;
  /** The schemas this statement creates objects in (for the directory check). */
  readonly ownSchemas: string[];
}

const SEQUENCE_FUNCTIONS = new Set(['nextval', 'currval', 'setval']);

/** nextval('schema.seq'): the sequence named by a string constant (cheap: plain names only). */
function sequenceArgument(args: unknown): QName | undefined {
  if (!Array.isArray(args) || args.length === 0) return undefined;
  let a = args[0] as Obj;
  if (isObj(a.TypeCast)) a = (a.TypeCast as Obj).arg as Obj;
  const c = isObj(a) && isObj(a.A_Const) ? (a.A_Const as Obj) : undefined;
  const text = c && isObj(c.sval) ? (c.sval as Obj).sval : undefined;
  if (typeof text !== 'string' || text.includes('"')) return undefined;
  const parts = text.toLowerCase().split('.');
  if (parts.length === 1) return { schema: undefined, name: parts[0]! };
  if (parts.length === 2) return { schema: parts[0], name: parts[1]! };
  return undefined;
}

/**
 * Collect references anywhere in a tree: relations (RangeVar), types (TypeName),
 * functions (FuncCall, ObjectWithArgs). `skip` holds nodes that are the
 * statement's own definition.
 */
export function collectRefs(tree: unknown, locate: Locate, skip: ReadonlySet<unknown> = new Set()): Use[] {
  const out: Use[] = [];
  const loc = (o: Obj) => locate(typeof o.location === 'number' ? o.location : undefined);
  const push = (r: Use | undefined) => {
    if (r) out.push(r);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!isObj(node) || skip.has(node)) return;
    if (typeof node.relname === 'string') {
      push(refTo(rangeVarName(node), ['relname'], 'relation', loc(node)));
    } else if (Array.isArray(node.names) && 'typemod' in node) {
      const q = qnameOf(node.names);
      if (q && node.pct_type) {
        const parts = (node.names as unknown[]).slice(0, -1);
        const rel = qnameOf(parts);
        if (rel) push(refTo(rel, ['relname'], 'relation', loc(node)));
      } else if (q) push(refTo(q, ['typename', 'relname'], 'type', loc(node)));
    } else if (Array.isArray(node.funcname) && 'funcformat' in node) {
      const q = qnameOf(node.funcname);
      if (q) push(refTo(q, ['funcname'], 'function', loc(node)));
      const seq = q && SEQUENCE_FUNCTIONS.has(q.name) ? sequenceArgument(node.args) : undefined;
      if (seq) {
        const r = refTo(seq, ['relname'], 'sequence', loc(node));
        if (r) push({ ...r, strict: false });
      }
    } else if (Array.isArray(node.objname) && ('objargs' in node || 'args_unspecified' in node || 'objfuncargs' in node)) {
      const q = qnameOf(node.objname);
      if (q) push(refTo(q, ['funcname'], 'function', loc(node)));
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(tree);
  return out;
}

/** Defs and refs of one statement. `bodyRefs` parses LANGUAGE sql bodies (edges only). */
export async function analyzeStatement(nodeType: string, n: Obj, locate: Locate, stmtLoc: Loc, bodyRefs: BodyRefs): Promise<Analysis> {
  const a = new StatementAnalysis(stmtLoc, bodyRefs);
  await analyzeNode(nodeType, n, a);
  a.refs.push(...collectRefs(n, locate, a.skip));
  return { priority: a.priority, defs: a.defs, refs: a.refs, modifies: a.modifies, consumer: a.consumer, ownSchemas: a.ownSchemas };
}
