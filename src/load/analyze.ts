/**
 * What a parsed statement defines and what it references, read from the parse
 * tree (never from SQL text). Unqualified names are resolved leniently to
 * `public` (they may as well resolve to pg_catalog or a CTE).
 */
import { BUILTIN_SCHEMAS, PRIORITY, type Def, type Loc, type Ref } from './types.js';
import { key, qnameOf, type QName } from './names.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Maps a parse-tree byte location (or undefined) to a file location. */
export type Locate = (byteOffset: number | undefined) => Loc;

export interface Analysis {
  readonly priority: number;
  readonly defs: Def[];
  readonly refs: Ref[];
  readonly modifies: string[];
  readonly consumer: boolean;
  /** The schemas this statement creates objects in (for the directory check). */
  readonly ownSchemas: string[];
}

function rangeVarName(rv: Obj): QName {
  return { schema: typeof rv.schemaname === 'string' ? rv.schemaname : undefined, name: String(rv.relname) };
}

function show(q: QName): string {
  return q.schema ? `${q.schema}.${q.name}` : q.name;
}

/** A reference to a (possibly unqualified) name in one or more namespaces. */
function refTo(q: QName, kinds: ('rel' | 'type' | 'funcName')[], what: string, loc: Loc): Ref | undefined {
  const schema = q.schema ?? 'public';
  if (BUILTIN_SCHEMAS.has(schema)) return undefined;
  return {
    keys: kinds.map((k) => key[k](schema, q.name)),
    display: `${what} ${show(q)}`,
    loc,
    strict: q.schema !== undefined,
  };
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

/** OWNED BY schema.table.column of CREATE/ALTER SEQUENCE: the table. */
function ownedBy(options: unknown): QName | undefined {
  for (const o of Array.isArray(options) ? options : []) {
    const d = (o as { DefElem?: Obj }).DefElem;
    if (!d || d.defname !== 'owned_by' || !isObj(d.arg) || !isObj(d.arg.List)) continue;
    const items = (d.arg.List as Obj).items as unknown[];
    if (items.length >= 2) return qnameOf(items.slice(0, -1));
  }
  return undefined;
}

/**
 * Collect references anywhere in a tree: relations (RangeVar), types (TypeName),
 * functions (FuncCall, ObjectWithArgs). `skip` holds nodes that are the
 * statement's own definition.
 */
export function collectRefs(tree: unknown, locate: Locate, skip: ReadonlySet<unknown> = new Set()): Ref[] {
  const out: Ref[] = [];
  const loc = (o: Obj) => locate(typeof o.location === 'number' ? o.location : undefined);
  const push = (r: Ref | undefined) => {
    if (r) out.push(r);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    if (!isObj(node) || skip.has(node)) return;
    if (typeof node.relname === 'string') {
      push(refTo(rangeVarName(node), ['rel'], 'relation', loc(node)));
    } else if (Array.isArray(node.names) && 'typemod' in node) {
      const q = qnameOf(node.names);
      if (q && node.pct_type) {
        const parts = (node.names as unknown[]).slice(0, -1);
        const rel = qnameOf(parts);
        if (rel) push(refTo(rel, ['rel'], 'relation', loc(node)));
      } else if (q) push(refTo(q, ['type', 'rel'], 'type', loc(node)));
    } else if (Array.isArray(node.funcname) && 'funcformat' in node) {
      const q = qnameOf(node.funcname);
      if (q) push(refTo(q, ['funcName'], 'function', loc(node)));
      const seq = q && SEQUENCE_FUNCTIONS.has(q.name) ? sequenceArgument(node.args) : undefined;
      if (seq) {
        const r = refTo(seq, ['rel'], 'sequence', loc(node));
        if (r) push({ ...r, strict: false });
      }
    } else if (Array.isArray(node.objname) && ('objargs' in node || 'args_unspecified' in node || 'objfuncargs' in node)) {
      const q = qnameOf(node.objname);
      if (q) push(refTo(q, ['funcName'], 'function', loc(node)));
    }
    for (const v of Object.values(node)) walk(v);
  };
  walk(tree);
  return out;
}

function schemaOf(q: QName): string {
  return q.schema ?? 'public';
}

function funcArgs(params: unknown): string {
  if (!Array.isArray(params)) return '';
  const out: string[] = [];
  for (const p of params) {
    const fp = (p as { FunctionParameter?: Obj }).FunctionParameter;
    if (!fp) continue;
    if (fp.mode === 'FUNC_PARAM_OUT' || fp.mode === 'FUNC_PARAM_TABLE') continue;
    const tn = fp.argType as Obj | undefined;
    const q = tn ? qnameOf(tn.names) : undefined;
    const arr = tn && Array.isArray(tn.arrayBounds) ? '[]'.repeat(tn.arrayBounds.length) : '';
    out.push(q ? show(q) + arr : '?');
  }
  return out.join(',');
}

function listNames(obj: unknown): QName | undefined {
  if (isObj(obj) && isObj(obj.List)) return qnameOf((obj.List as Obj).items);
  return undefined;
}

function stringOf(obj: unknown): string | undefined {
  return isObj(obj) && isObj(obj.String) && typeof (obj.String as Obj).sval === 'string' ? ((obj.String as Obj).sval as string) : undefined;
}

/** Options of CREATE FUNCTION: language and the body string. */
function functionBody(n: Obj): { language?: string; body?: string } {
  const out: { language?: string; body?: string } = {};
  for (const o of (n.options as unknown[]) ?? []) {
    const d = (o as { DefElem?: Obj }).DefElem;
    if (!d) continue;
    if (d.defname === 'language') out.language = stringOf(d.arg);
    if (d.defname === 'as' && isObj(d.arg) && isObj(d.arg.List)) {
      const items = (d.arg.List as Obj).items as unknown[];
      if (items.length === 1) out.body = stringOf(items[0]);
    }
  }
  return out;
}

/** Defs and refs of one statement. `bodyRefs` parses LANGUAGE sql bodies (edges only). */
export async function analyzeStatement(
  nodeType: string,
  n: Obj,
  locate: Locate,
  stmtLoc: Loc,
  bodyRefs: (body: string, stmtLoc: Loc) => Promise<Ref[]>,
): Promise<Analysis> {
  const defs: Def[] = [];
  const refs: Ref[] = [];
  const modifies: string[] = [];
  const ownSchemas: string[] = [];
  const skip = new Set<unknown>();
  let priority: number = PRIORITY.other;
  let consumer = false;

  const inSchema = (q: QName) => {
    const s = schemaOf(q);
    ownSchemas.push(s);
    if (!BUILTIN_SCHEMAS.has(s)) refs.push({ keys: [key.schema(s)], display: `schema ${s}`, loc: stmtLoc, strict: true });
    return s;
  };
  const defRelation = (q: QName, what: string, withType: boolean) => {
    const s = inSchema(q);
    defs.push({ key: key.rel(s, q.name), unique: true, display: `${what} ${s}.${q.name}` });
    if (withType) defs.push({ key: key.type(s, q.name), unique: true, display: `${what} ${s}.${q.name}` });
  };
  const defType = (q: QName | undefined, what: string) => {
    if (!q) return;
    const s = inSchema(q);
    defs.push({ key: key.type(s, q.name), unique: true, display: `${what} ${s}.${q.name}` });
  };

  switch (nodeType) {
    case 'CreateSchemaStmt': {
      priority = PRIORITY.schema;
      const name = String(n.schemaname);
      defs.push({ key: key.schema(name), unique: true, display: `schema ${name}` });
      break;
    }
    case 'CreateExtensionStmt': {
      priority = PRIORITY.extension;
      const name = String(n.extname);
      defs.push({ key: key.extension(name), unique: true, display: `extension ${name}` });
      for (const o of (n.options as unknown[]) ?? []) {
        const d = (o as { DefElem?: Obj }).DefElem;
        const s = d && d.defname === 'schema' ? stringOf(d.arg) : undefined;
        if (s && !BUILTIN_SCHEMAS.has(s)) refs.push({ keys: [key.schema(s)], display: `schema ${s}`, loc: stmtLoc, strict: true });
      }
      break;
    }
    case 'CreateEnumStmt':
    case 'CreateRangeStmt':
      priority = PRIORITY.type;
      defType(qnameOf(n.typeName), nodeType === 'CreateEnumStmt' ? 'enum' : 'range type');
      break;
    case 'CreateDomainStmt':
      priority = PRIORITY.type;
      defType(qnameOf(n.domainname), 'domain');
      break;
    case 'CompositeTypeStmt': {
      priority = PRIORITY.type;
      const rv = n.typevar as Obj;
      skip.add(rv);
      defRelation(rangeVarName(rv), 'type', true);
      break;
    }
    case 'DefineStmt': {
      const q = qnameOf(n.defnames);
      if (q && n.kind === 'OBJECT_TYPE') {
        priority = PRIORITY.type;
        defType(q, 'type');
      } else if (q && n.kind === 'OBJECT_AGGREGATE') {
        priority = PRIORITY.function;
        const s = inSchema(q);
        defs.push({ key: key.funcName(s, q.name), unique: false, display: `aggregate ${s}.${q.name}` });
      }
      break;
    }
    case 'CreateSeqStmt': {
      priority = PRIORITY.sequence;
      const rv = n.sequence as Obj;
      skip.add(rv);
      defRelation(rangeVarName(rv), 'sequence', false);
      const owner = ownedBy(n.options);
      const r = owner && refTo(owner, ['rel'], 'table', stmtLoc);
      if (r) refs.push({ ...r, strict: false });
      break;
    }
    case 'AlterSeqStmt': {
      const owner = ownedBy(n.options);
      const r = owner && refTo(owner, ['rel'], 'table', stmtLoc);
      if (r) refs.push({ ...r, strict: false });
      break;
    }
    case 'CreateStmt': {
      priority = PRIORITY.table;
      const rv = n.relation as Obj;
      skip.add(rv);
      defRelation(rangeVarName(rv), 'table', true);
      break;
    }
    case 'ViewStmt': {
      priority = PRIORITY.view;
      consumer = true;
      const rv = n.view as Obj;
      skip.add(rv);
      defRelation(rangeVarName(rv), 'view', true);
      break;
    }
    case 'CreateTableAsStmt': {
      priority = PRIORITY.view;
      consumer = true;
      const rv = (n.into as Obj).rel as Obj;
      skip.add(rv);
      defRelation(rangeVarName(rv), n.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table', true);
      break;
    }
    case 'CreateFunctionStmt': {
      priority = PRIORITY.function;
      consumer = true;
      const q = qnameOf(n.funcname);
      if (q) {
        const s = inSchema(q);
        const args = funcArgs(n.parameters);
        const what = n.is_procedure ? 'procedure' : 'function';
        defs.push({ key: key.funcName(s, q.name), unique: false, display: `${what} ${s}.${q.name}` });
        defs.push({ key: key.func(s, q.name, args), unique: true, display: `${what} ${s}.${q.name}(${args})` });
      }
      const { language, body } = functionBody(n);
      if (language === 'sql' && body !== undefined) refs.push(...(await bodyRefs(body, stmtLoc)));
      break;
    }
    case 'CreateTrigStmt': {
      priority = PRIORITY.trigger;
      consumer = true;
      const t = rangeVarName(n.relation as Obj);
      const s = schemaOf(t);
      defs.push({ key: key.trigger(s, t.name, String(n.trigname)), unique: true, display: `trigger ${n.trigname} on ${s}.${t.name}` });
      const f = qnameOf(n.funcname);
      if (f) {
        const r = refTo(f, ['funcName'], 'function', stmtLoc);
        if (r) refs.push(r);
      }
      break;
    }
    case 'IndexStmt': {
      priority = PRIORITY.index;
      const t = rangeVarName(n.relation as Obj);
      if (typeof n.idxname === 'string') {
        const s = schemaOf(t);
        defs.push({ key: key.rel(s, n.idxname), unique: true, display: `index ${s}.${n.idxname}` });
      }
      break;
    }
    case 'CreatePolicyStmt': {
      priority = PRIORITY.policy;
      const t = rangeVarName(n.table as Obj);
      const s = schemaOf(t);
      defs.push({ key: key.policy(s, t.name, String(n.policy_name)), unique: true, display: `policy ${n.policy_name} on ${s}.${t.name}` });
      break;
    }
    case 'AlterTableStmt': {
      priority = PRIORITY.alter;
      const t = rangeVarName(n.relation as Obj);
      modifies.push(key.rel(schemaOf(t), t.name));
      break;
    }
    case 'CommentStmt': {
      priority = PRIORITY.comment;
      const o = n.object;
      const objtype = String(n.objtype);
      const rel = (q: QName | undefined, what: string) => {
        const r = q && refTo(q, ['rel'], what, stmtLoc);
        if (r) refs.push(r);
      };
      if (['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_INDEX', 'OBJECT_FOREIGN_TABLE'].includes(objtype)) {
        rel(listNames(o), 'relation');
      } else if (['OBJECT_COLUMN', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_TABCONSTRAINT', 'OBJECT_RULE'].includes(objtype)) {
        const items = isObj(o) && isObj(o.List) ? ((o.List as Obj).items as unknown[]) : [];
        rel(qnameOf(items.slice(0, -1)), 'relation');
      } else if (objtype === 'OBJECT_SCHEMA') {
        const s = stringOf(o);
        if (s && !BUILTIN_SCHEMAS.has(s)) refs.push({ keys: [key.schema(s)], display: `schema ${s}`, loc: stmtLoc, strict: true });
      } else if (objtype === 'OBJECT_EXTENSION') {
        const e = stringOf(o);
        if (e) refs.push({ keys: [key.extension(e)], display: `extension ${e}`, loc: stmtLoc, strict: true });
      }
      break;
    }
    case 'GrantStmt': {
      priority = PRIORITY.grant;
      if (n.objtype === 'OBJECT_SCHEMA' || n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
        for (const o of (n.objects as unknown[]) ?? []) {
          const s = stringOf(o);
          if (s && !BUILTIN_SCHEMAS.has(s)) refs.push({ keys: [key.schema(s)], display: `schema ${s}`, loc: stmtLoc, strict: true });
        }
      }
      break;
    }
    default:
      break;
  }
  refs.push(...collectRefs(n, locate, skip));
  return { priority, defs, refs, modifies, consumer, ownSchemas };
}
