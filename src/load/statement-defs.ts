/**
 * What each kind of statement defines, references and modifies, one handler
 * per parse-node type. References found anywhere in the tree (collectRefs in
 * analyze.ts) come on top of these.
 */
import { BUILTIN_SCHEMAS, PRIORITY, type Def, type Loc, type Use } from './types.js';
import { qnameOf, type QName } from './names.js';
import { ref, type Ref } from '../catalog/ref.js';
import { type Obj, isObj, listNames, rangeVarName, refTo, schemaOf, show, stringOf } from './parse-tree.js';

/** Refs of a LANGUAGE sql body (parsed by the caller). */
export type BodyRefs = (body: string, stmtLoc: Loc) => Promise<Use[]>;

/** One statement's analysis, built up by the handler of its node type. */
export class StatementAnalysis {
  priority: number = PRIORITY.other;
  consumer = false;
  readonly defs: Def[] = [];
  readonly refs: Use[] = [];
  readonly modifies: Ref[] = [];
  /** The schemas this statement creates objects in (for the directory check). */
  readonly ownSchemas: string[] = [];
  /** Nodes that are the statement's own definition, not references. */
  readonly skip = new Set<unknown>();

  constructor(
    readonly stmtLoc: Loc,
    readonly bodyRefs: BodyRefs,
  ) {}

  /** The statement needs schema `s` (unless built in). */
  schemaRef(s: string | undefined): void {
    if (s && !BUILTIN_SCHEMAS.has(s)) this.refs.push({ targets: [ref.schema(s)], display: `schema ${s}`, loc: this.stmtLoc, strict: true });
  }

  /** The statement creates something in q's schema. */
  inSchema(q: QName): string {
    const s = schemaOf(q);
    this.ownSchemas.push(s);
    this.schemaRef(s);
    return s;
  }

  /** A reference to q, at the statement; `lenient` when the name may not be one of the files' objects. */
  refer(q: QName | undefined, kinds: ('relname' | 'typename' | 'funcname')[], what: string, lenient = false): void {
    const r = q && refTo(q, kinds, what, this.stmtLoc);
    if (r) this.refs.push(lenient ? { ...r, strict: false } : r);
  }

  defType(q: QName | undefined, what: string): void {
    if (!q) return;
    const s = this.inSchema(q);
    this.defs.push({ ref: ref.name('typename', s, q.name), unique: true, display: `${what} ${s}.${q.name}` });
  }

  /** The relation the statement creates (its RangeVar is no reference), with its row type when it has one. */
  ownRelation(rv: Obj, what: string, withType: boolean): void {
    this.skip.add(rv);
    const q = rangeVarName(rv);
    const s = this.inSchema(q);
    this.defs.push({ ref: ref.name('relname', s, q.name), unique: true, display: `${what} ${s}.${q.name}` });
    if (withType) this.defs.push({ ref: ref.name('typename', s, q.name), unique: true, display: `${what} ${s}.${q.name}` });
  }
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

async function createFunction(n: Obj, a: StatementAnalysis): Promise<void> {
  a.priority = PRIORITY.function;
  a.consumer = true;
  const q = qnameOf(n.funcname);
  if (q) {
    const s = a.inSchema(q);
    const args = funcArgs(n.parameters);
    const what = n.is_procedure ? 'procedure' : 'function';
    a.defs.push({ ref: ref.name('funcname', s, q.name), unique: false, display: `${what} ${s}.${q.name}` });
    a.defs.push({ ref: ref.function(s, q.name, args), unique: true, display: `${what} ${s}.${q.name}(${args})` });
  }
  const { language, body } = functionBody(n);
  if (language === 'sql' && body !== undefined) a.refs.push(...(await a.bodyRefs(body, a.stmtLoc)));
}

const RELATION_OBJECTS = ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_INDEX', 'OBJECT_FOREIGN_TABLE'];
const RELATION_MEMBERS = ['OBJECT_COLUMN', 'OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_TABCONSTRAINT', 'OBJECT_RULE'];

/** COMMENT ON: the object it names. */
function comment(n: Obj, a: StatementAnalysis): void {
  a.priority = PRIORITY.comment;
  const o = n.object;
  const objtype = String(n.objtype);
  if (RELATION_OBJECTS.includes(objtype)) {
    a.refer(listNames(o), ['relname'], 'relation');
  } else if (RELATION_MEMBERS.includes(objtype)) {
    const items = isObj(o) && isObj(o.List) ? ((o.List as Obj).items as unknown[]) : [];
    a.refer(qnameOf(items.slice(0, -1)), ['relname'], 'relation');
  } else if (objtype === 'OBJECT_SCHEMA') {
    a.schemaRef(stringOf(o));
  } else if (objtype === 'OBJECT_EXTENSION') {
    const e = stringOf(o);
    if (e) a.refs.push({ targets: [ref.extension(e)], display: `extension ${e}`, loc: a.stmtLoc, strict: true });
  }
}

type Handler = (n: Obj, a: StatementAnalysis) => void | Promise<void>;

const typeDef =
  (field: string, what: string): Handler =>
  (n, a) => {
    a.priority = PRIORITY.type;
    a.defType(qnameOf(n[field]), what);
  };

const HANDLERS: Readonly<Record<string, Handler>> = {
  CreateSchemaStmt(n, a) {
    a.priority = PRIORITY.schema;
    const name = String(n.schemaname);
    a.defs.push({ ref: ref.schema(name), unique: true, display: `schema ${name}` });
  },
  CreateExtensionStmt(n, a) {
    a.priority = PRIORITY.extension;
    const name = String(n.extname);
    a.defs.push({ ref: ref.extension(name), unique: true, display: `extension ${name}` });
    for (const o of (n.options as unknown[]) ?? []) {
      const d = (o as { DefElem?: Obj }).DefElem;
      a.schemaRef(d && d.defname === 'schema' ? stringOf(d.arg) : undefined);
    }
  },
  CreateEnumStmt: typeDef('typeName', 'enum'),
  CreateRangeStmt: typeDef('typeName', 'range type'),
  CreateDomainStmt: typeDef('domainname', 'domain'),
  CompositeTypeStmt(n, a) {
    a.priority = PRIORITY.type;
    a.ownRelation(n.typevar as Obj, 'type', true);
  },
  DefineStmt(n, a) {
    const q = qnameOf(n.defnames);
    if (q && n.kind === 'OBJECT_TYPE') {
      a.priority = PRIORITY.type;
      a.defType(q, 'type');
    } else if (q && n.kind === 'OBJECT_AGGREGATE') {
      a.priority = PRIORITY.function;
      const s = a.inSchema(q);
      a.defs.push({ ref: ref.name('funcname', s, q.name), unique: false, display: `aggregate ${s}.${q.name}` });
    }
  },
  CreateSeqStmt(n, a) {
    a.priority = PRIORITY.sequence;
    a.ownRelation(n.sequence as Obj, 'sequence', false);
    a.refer(ownedBy(n.options), ['relname'], 'table', true);
  },
  AlterSeqStmt(n, a) {
    a.refer(ownedBy(n.options), ['relname'], 'table', true);
  },
  CreateStmt(n, a) {
    a.priority = PRIORITY.table;
    a.ownRelation(n.relation as Obj, 'table', true);
  },
  ViewStmt(n, a) {
    a.priority = PRIORITY.view;
    a.consumer = true;
    a.ownRelation(n.view as Obj, 'view', true);
  },
  CreateTableAsStmt(n, a) {
    a.priority = PRIORITY.view;
    a.consumer = true;
    a.ownRelation((n.into as Obj).rel as Obj, n.objtype === 'OBJECT_MATVIEW' ? 'materialized view' : 'table', true);
  },
  CreateFunctionStmt: createFunction,
  CreateTrigStmt(n, a) {
    a.priority = PRIORITY.trigger;
    a.consumer = true;
    const t = rangeVarName(n.relation as Obj);
    const s = schemaOf(t);
    a.defs.push({ ref: ref.trigger(s, t.name, String(n.trigname)), unique: true, display: `trigger ${n.trigname} on ${s}.${t.name}` });
    a.refer(qnameOf(n.funcname), ['funcname'], 'function');
  },
  IndexStmt(n, a) {
    a.priority = PRIORITY.index;
    const t = rangeVarName(n.relation as Obj);
    if (typeof n.idxname === 'string') {
      const s = schemaOf(t);
      a.defs.push({ ref: ref.name('relname', s, n.idxname), unique: true, display: `index ${s}.${n.idxname}` });
    }
  },
  CreatePolicyStmt(n, a) {
    a.priority = PRIORITY.policy;
    const t = rangeVarName(n.table as Obj);
    const s = schemaOf(t);
    a.defs.push({ ref: ref.policy(s, t.name, String(n.policy_name)), unique: true, display: `policy ${n.policy_name} on ${s}.${t.name}` });
  },
  AlterTableStmt(n, a) {
    a.priority = PRIORITY.alter;
    const t = rangeVarName(n.relation as Obj);
    a.modifies.push(ref.name('relname', schemaOf(t), t.name));
  },
  CommentStmt: comment,
  GrantStmt(n, a) {
    a.priority = PRIORITY.grant;
    if (n.objtype === 'OBJECT_SCHEMA' || n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA') {
      for (const o of (n.objects as unknown[]) ?? []) a.schemaRef(stringOf(o));
    }
  },
};

/** Run the handler of the statement's node type (other statements define nothing). */
export async function analyzeNode(nodeType: string, n: Obj, a: StatementAnalysis): Promise<void> {
  if (Object.hasOwn(HANDLERS, nodeType)) await HANDLERS[nodeType]!(n, a);
}
