/**
 * SQL fragments written inside YAML (types, expressions, index elements,
 * partition keys, FK targets) are checked with the real parser, each in a
 * wrapper whose parse tree must have exactly the expected shape, so that a
 * fragment can never smuggle in another clause or statement. Parser positions
 * map back to the YAML value.
 */
import type { Node } from 'yaml';
import { splitStatements, SqlSyntaxError, type ParsedStatement } from '../sql/parser.js';
import { FasError } from '../util/errors.js';
import { collectRefs } from './analyze.js';
import { qnameOf } from './names.js';
import type { Use } from './types.js';
import type { Ref } from '../catalog/ref.js';
import type { YamlFile } from './yaml-reader.js';

type Obj = Record<string, unknown>;

function charOffsetOfLineCol(text: string, line: number, column: number): number {
  const lines = text.split('\n');
  let off = 0;
  for (let i = 0; i < line - 1 && i < lines.length; i++) off += lines[i]!.length + 1;
  return off + column - 1;
}

function charOffsetOfByte(text: string, byteOffset: number): number {
  return Buffer.from(text, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}

/** The placeholder relation a fragment is wrapped in (`CREATE INDEX ON fas_x (...)`): not a reference. */
const isPlaceholder = (r: Ref): boolean => (r.kind === 'relname' || r.kind === 'typename') && r.name === 'fas_x';

interface Wrapped {
  readonly stmt: ParsedStatement;
  readonly refs: (strictTypes?: boolean) => Use[];
}

async function parseWrapped(y: YamlFile, node: Node, what: string, prefix: string, text: string, suffix: string): Promise<Wrapped> {
  const wrapped = prefix + text + suffix;
  const at = (charOffset: number) => y.valueLoc(node, Math.max(0, Math.min(text.length, charOffset - prefix.length)));
  let stmts: ParsedStatement[];
  try {
    stmts = await splitStatements(wrapped);
  } catch (e) {
    if (!(e instanceof SqlSyntaxError)) throw e;
    const loc = at(charOffsetOfLineCol(wrapped, e.line, e.column));
    throw new FasError('SQL_SYNTAX', `${loc.file}:${loc.line}:${loc.column}: ${what} "${text}": ${e.message}`, { location: loc, cause: e });
  }
  if (stmts.length !== 1) y.fail(node, `${what} "${text}" is not a single ${what}`);
  const stmt = stmts[0]!;
  return {
    stmt,
    refs: () => collectRefs(stmt.node, (b) => (b === undefined ? y.loc(node) : at(charOffsetOfByte(wrapped, b)))),
  };
}

function onlyKeys(o: unknown, allowed: readonly string[]): boolean {
  return typeof o === 'object' && o !== null && Object.keys(o).every((k) => allowed.includes(k));
}

const SELECT_KEYS = ['targetList', 'limitOption', 'op'];

function singleTarget(stmt: ParsedStatement): Obj | undefined {
  if (stmt.nodeType !== 'SelectStmt' || !onlyKeys(stmt.node, SELECT_KEYS) || stmt.node.op !== 'SETOP_NONE') return undefined;
  const tl = stmt.node.targetList as unknown[];
  if (!Array.isArray(tl) || tl.length !== 1) return undefined;
  const rt = (tl[0] as { ResTarget?: Obj }).ResTarget;
  if (!rt || rt.name !== undefined || rt.indirection !== undefined) return undefined;
  return rt.val as Obj;
}

/** A column type such as `numeric(20,6)`, `text[]`, `workflow.status`. */
export async function checkType(y: YamlFile, node: Node, text: string): Promise<Use[]> {
  const w = await parseWrapped(y, node, 'type', 'SELECT NULL::', text, '');
  const val = singleTarget(w.stmt);
  const cast = val?.TypeCast as Obj | undefined;
  const arg = cast?.arg as { A_Const?: Obj } | undefined;
  if (!cast || !arg?.A_Const?.isnull) y.fail(node, `"${text}" is not a type name`);
  return w.refs();
}

/** A scalar SQL expression (default, check, generated, index predicate). */
export async function checkExpression(y: YamlFile, node: Node, text: string, what: string): Promise<Use[]> {
  const w = await parseWrapped(y, node, what, 'SELECT (', text, ')');
  if (!singleTarget(w.stmt)) y.fail(node, `${what} "${text}" is not a single expression`);
  return w.refs();
}

/** One index element: `created_at desc`, `name text_pattern_ops`, `(lower(x))`. */
export async function checkIndexElement(y: YamlFile, node: Node, text: string): Promise<Use[]> {
  const w = await parseWrapped(y, node, 'index element', 'CREATE INDEX ON fas_x (', text, ')');
  const n = w.stmt.node;
  const ok =
    w.stmt.nodeType === 'IndexStmt' &&
    Array.isArray(n.indexParams) &&
    n.indexParams.length === 1 &&
    onlyKeys(n, ['relation', 'accessMethod', 'indexParams']);
  if (!ok) y.fail(node, `"${text}" is not a single index element`);
  return w.refs().filter((r) => !r.targets.some(isPlaceholder));
}

/** A partition key: `range (created_at)`, `list (region)`, `hash (id)`. */
export async function checkPartitionBy(y: YamlFile, node: Node, text: string): Promise<Use[]> {
  const w = await parseWrapped(y, node, 'partition key', 'CREATE TABLE fas_x () PARTITION BY ', text, '');
  const n = w.stmt.node;
  if (w.stmt.nodeType !== 'CreateStmt' || !n.partspec || !onlyKeys(n, ['relation', 'partspec', 'oncommit'])) {
    y.fail(node, `"${text}" is not a partition key such as "range (created_at)"`);
  }
  return w.refs().filter((r) => !r.targets.some(isPlaceholder));
}

/** `schema.table(col, ...)` as written in a foreign key's `references`. */
export async function parseReferenceText(
  y: YamlFile,
  node: Node,
  text: string,
): Promise<{ schema: string | undefined; table: string; columns: string[] }> {
  const w = await parseWrapped(y, node, 'reference', 'CREATE TABLE fas_x (fas_c int REFERENCES ', text, ')');
  const elts = (w.stmt.node.tableElts as unknown[] | undefined) ?? [];
  const col = (elts[0] as { ColumnDef?: Obj } | undefined)?.ColumnDef;
  const cons = (col?.constraints as unknown[] | undefined) ?? [];
  const c = (cons[0] as { Constraint?: Obj } | undefined)?.Constraint;
  const plain =
    elts.length === 1 &&
    cons.length === 1 &&
    c?.contype === 'CONSTR_FOREIGN' &&
    c.fk_upd_action === 'a' &&
    c.fk_del_action === 'a' &&
    c.fk_matchtype === 's' &&
    onlyKeys(c, ['contype', 'is_enforced', 'initially_valid', 'pktable', 'pk_attrs', 'fk_matchtype', 'fk_upd_action', 'fk_del_action', 'location']);
  if (!plain) y.fail(node, `references "${text}" must look like schema.table(column, ...)`);
  const pk = c!.pktable as Obj;
  const cols = qnameOf(c!.pk_attrs) ? ((c!.pk_attrs as { String: { sval: string } }[]).map((s) => s.String.sval)) : [];
  return { schema: typeof pk.schemaname === 'string' ? pk.schemaname : undefined, table: String(pk.relname), columns: cols };
}
