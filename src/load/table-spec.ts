/** Reads and validates one table YAML file into a TableSpec (no SQL is written here). */
import { isMap, isSeq, type Node } from 'yaml';
import { checkExpression, checkIndexElement, checkPartitionBy, parseReferenceText } from './fragments.js';
import { ref } from '../catalog/ref.js';
import type { Loc, Use } from './types.js';
import type { YamlFile } from './yaml-reader.js';
import { readColumns } from './column-spec.js';

export interface Located<T> {
  readonly value: T;
  readonly loc: Loc;
}

export interface ColumnSpec {
  readonly name: string;
  readonly loc: Loc;
  readonly type: Located<string>;
  readonly nullable: boolean;
  readonly identity?: 'always' | 'by default';
  readonly default?: Located<string>;
  readonly generated?: Located<string>;
  readonly collation?: string;
  readonly comment?: string;
  /** `renamed_from: old_name`: the column's previous name (a declared rename). */
  readonly renamedFrom?: Located<string>;
}

export interface KeySpec {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly loc: Loc;
}

export const FK_ACTIONS = { cascade: 'CASCADE', restrict: 'RESTRICT', 'no action': 'NO ACTION', 'set null': 'SET NULL', 'set default': 'SET DEFAULT' } as const;
export type FkAction = keyof typeof FK_ACTIONS;

export interface ForeignKeySpec extends KeySpec {
  readonly refSchema: string;
  readonly refTable: string;
  readonly refColumns: readonly string[];
  readonly refLoc: Loc;
  readonly onDelete?: FkAction;
  readonly onUpdate?: FkAction;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
}

export interface CheckSpec {
  readonly name?: string;
  readonly expression: Located<string>;
  readonly loc: Loc;
}

export interface IndexSpec {
  readonly name?: string;
  readonly elements: readonly Located<string>[];
  readonly unique: boolean;
  readonly where?: Located<string>;
  readonly include: readonly string[];
  readonly method?: string;
  readonly loc: Loc;
}

export const TABLE_PRIVILEGES = ['select', 'insert', 'update', 'delete', 'truncate', 'references', 'trigger', 'all'] as const;
export const SCHEMA_PRIVILEGES = ['usage', 'create', 'all'] as const;

export interface GrantSpec {
  readonly role: string;
  readonly privileges: readonly string[];
  readonly loc: Loc;
}

export interface TableSpec {
  readonly schema: string;
  readonly name: string;
  readonly loc: Loc;
  readonly comment?: string;
  readonly unlogged: boolean;
  readonly columns: readonly ColumnSpec[];
  readonly primaryKey?: KeySpec;
  readonly unique: readonly KeySpec[];
  readonly foreignKeys: readonly ForeignKeySpec[];
  readonly checks: readonly CheckSpec[];
  readonly indexes: readonly IndexSpec[];
  readonly partitionBy?: Located<string>;
  readonly options: readonly { name: string; value: string | number | boolean }[];
  readonly grants: readonly GrantSpec[];
  /** References found in types and expressions, located in the YAML file. */
  readonly refs: readonly Use[];
  /** `renamed_from: schema.old_name`: the table's previous name (a declared rename). */
  readonly renamedFrom?: Located<{ schema: string; name: string }>;
}

const TABLE_KEYS = [
  'table', 'renamed_from', 'comment', 'unlogged', 'columns', 'primary_key', 'unique', 'foreign_keys', 'checks', 'indexes', 'partition_by', 'options', 'grants',
];

/** "schema.name": exactly two non-empty parts, taken verbatim (case-sensitive). */
export function qualifiedName(y: YamlFile, node: Node, what: string): { schema: string; name: string } {
  const text = y.str(node, what);
  const parts = text.split('.');
  if (parts.length !== 2 || parts.some((p) => p === '' || p.trim() !== p)) y.fail(node, `${what} must be schema-qualified as schema.name, got "${text}"`);
  return { schema: parts[0]!, name: parts[1]! };
}

export function located(y: YamlFile, node: Node, what: string): Located<string> {
  return { value: y.str(node, what), loc: y.loc(node) };
}

export function readGrants(y: YamlFile, node: Node, allowed: readonly string[]): GrantSpec[] {
  return y.seq(node, 'grants').map((g) => {
    const m = y.map(g, 'grant', ['role', 'privileges'], ['role', 'privileges']);
    const privileges = y.strList(m.get('privileges')!, 'privileges').map(({ value, node: p }) => {
      const v = value.toLowerCase();
      if (!allowed.includes(v)) y.fail(p, `unknown privilege "${value}" (allowed: ${allowed.join(', ')})`);
      return v;
    });
    if (privileges.length === 0) y.fail(m.get('privileges'), 'privileges must not be empty');
    return { role: y.str(m.get('role')!, 'role'), privileges, loc: y.loc(g) };
  });
}

function columnList(y: YamlFile, node: Node, what: string, known: ReadonlySet<string>): string[] {
  const cols = y.strList(node, what);
  if (cols.length === 0) y.fail(node, `${what} must not be empty`);
  for (const c of cols) if (!known.has(c.value)) y.fail(c.node, `${what}: no column "${c.value}" in this table`);
  return cols.map((c) => c.value);
}

function keySpec(y: YamlFile, node: Node, what: string, known: ReadonlySet<string>): KeySpec {
  if (isSeq(node)) {
    return { columns: columnList(y, node, what, known), loc: y.loc(node) };
  }
  const m = y.map(node, what, ['name', 'columns'], ['columns']);
  return {
    name: m.has('name') ? y.str(m.get('name')!, 'name') : undefined,
    columns: columnList(y, m.get('columns')!, `${what} columns`, known),
    loc: y.loc(node),
  };
}

function fkAction(y: YamlFile, node: Node | undefined): FkAction | undefined {
  if (!node) return undefined;
  const v = y.str(node, 'action').toLowerCase();
  if (!(v in FK_ACTIONS)) y.fail(node, `unknown action "${v}" (allowed: ${Object.keys(FK_ACTIONS).join(', ')})`);
  return v as FkAction;
}

export async function readTable(y: YamlFile, dirSchema: string | undefined): Promise<TableSpec> {
  const top = y.map(y.root, 'table file', TABLE_KEYS, ['table', 'columns']);
  const tableNode = top.get('table')!;
  const { schema, name } = qualifiedName(y, tableNode, 'table');
  if (dirSchema !== undefined && schema !== dirSchema) y.fail(tableNode, `table ${schema}.${name} is in directory "${dirSchema}": the schema must match the directory`);
  // references in the order they are read: column types and expressions, foreign keys, checks, indexes, partitioning
  const refs: Use[] = [];
  const columns = await readColumns(y, top.get('columns')!, refs);
  if (columns.length === 0 && !top.has('partition_by')) y.fail(top.get('columns'), 'a table needs at least one column');
  const known = new Set(columns.map((c) => c.name));
  const list = <T>(k: string, read: (n: Node) => Promise<T>): Promise<T[]> => (top.has(k) ? sequential(y.seq(top.get(k)!, k), read) : Promise.resolve([]));
  const primaryKey = top.has('primary_key') ? keySpec(y, top.get('primary_key')!, 'primary_key', known) : undefined;
  const unique = await list('unique', async (n) => keySpec(y, n, 'unique', known));
  const foreignKeys = await list('foreign_keys', (n) => readForeignKey(y, n, known, refs));
  const checks = await list('checks', (n) => readCheck(y, n, refs));
  const indexes = await list('indexes', (n) => readIndex(y, n, known, refs));
  let partitionBy: Located<string> | undefined;
  if (top.has('partition_by')) {
    partitionBy = located(y, top.get('partition_by')!, 'partition_by');
    refs.push(...(await checkPartitionBy(y, top.get('partition_by')!, partitionBy.value)));
  }
  const options = top.has('options') ? readOptions(y, top.get('options')!) : [];
  const renamedFrom = top.has('renamed_from') ? tableRenamedFrom(y, top.get('renamed_from')!, schema, name) : undefined;
  return {
    schema,
    name,
    renamedFrom,
    loc: y.loc(tableNode),
    comment: top.has('comment') ? y.str(top.get('comment')!, 'comment') : undefined,
    unlogged: top.has('unlogged') ? y.bool(top.get('unlogged')!, 'unlogged') : false,
    columns,
    primaryKey,
    unique,
    foreignKeys,
    checks,
    indexes,
    partitionBy,
    options,
    grants: top.has('grants') ? readGrants(y, top.get('grants')!, TABLE_PRIVILEGES) : [],
    refs,
  };
}

/** One item after the other (the references they find keep the file's order). */
async function sequential<T>(nodes: readonly Node[], read: (n: Node) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (const n of nodes) out.push(await read(n));
  return out;
}

async function readForeignKey(y: YamlFile, fn: Node, known: ReadonlySet<string>, refs: Use[]): Promise<ForeignKeySpec> {
  const m = y.map(fn, 'foreign key', ['name', 'columns', 'references', 'on_delete', 'on_update', 'deferrable', 'initially_deferred'], ['columns', 'references']);
  const cols = columnList(y, m.get('columns')!, 'foreign key columns', known);
  const rn = m.get('references')!;
  const target = await referencedKey(y, rn);
  if (target.columns.length !== cols.length) y.fail(rn, `foreign key has ${cols.length} column(s) but references ${target.columns.length}`);
  const deferrable = m.has('deferrable') ? y.bool(m.get('deferrable')!, 'deferrable') : false;
  const initiallyDeferred = m.has('initially_deferred') ? y.bool(m.get('initially_deferred')!, 'initially_deferred') : false;
  if (initiallyDeferred && !deferrable) y.fail(m.get('initially_deferred'), 'initially_deferred needs deferrable: true');
  const refLoc = y.loc(rn);
  refs.push({ targets: [ref.name('relname', target.schema, target.table)], display: `table ${target.schema}.${target.table}`, loc: refLoc, strict: true });
  return {
    name: m.has('name') ? y.str(m.get('name')!, 'name') : undefined,
    columns: cols,
    loc: y.loc(fn),
    refSchema: target.schema,
    refTable: target.table,
    refColumns: target.columns,
    refLoc,
    onDelete: fkAction(y, m.get('on_delete')),
    onUpdate: fkAction(y, m.get('on_update')),
    deferrable,
    initiallyDeferred,
  };
}

/** `references:` as a mapping (table, columns) or as text `schema.table(column, ...)`. */
async function referencedKey(y: YamlFile, rn: Node): Promise<{ schema: string; table: string; columns: string[] }> {
  if (isMap(rn)) {
    const r = y.map(rn, 'references', ['table', 'columns'], ['table', 'columns']);
    const q = qualifiedName(y, r.get('table')!, 'references table');
    return { schema: q.schema, table: q.name, columns: y.strList(r.get('columns')!, 'references columns').map((c) => c.value) };
  }
  const p = await parseReferenceText(y, rn, y.str(rn, 'references'));
  if (p.schema === undefined) y.fail(rn, 'references must be schema-qualified: schema.table(column, ...)');
  return { schema: p.schema, table: p.table, columns: p.columns };
}

async function readCheck(y: YamlFile, cn: Node, refs: Use[]): Promise<CheckSpec> {
  const m = y.map(cn, 'check', ['name', 'expression'], ['expression']);
  const e = located(y, m.get('expression')!, 'check expression');
  refs.push(...(await checkExpression(y, m.get('expression')!, e.value, 'check expression')));
  return { name: m.has('name') ? y.str(m.get('name')!, 'name') : undefined, expression: e, loc: y.loc(cn) };
}

async function readIndex(y: YamlFile, xn: Node, known: ReadonlySet<string>, refs: Use[]): Promise<IndexSpec> {
  const m = y.map(xn, 'index', ['name', 'columns', 'expression', 'unique', 'where', 'include', 'method']);
  if (m.has('columns') === m.has('expression')) y.fail(xn, 'an index needs exactly one of "columns" or "expression"');
  const elements: Located<string>[] = [];
  if (m.has('columns')) {
    const items = y.strList(m.get('columns')!, 'index columns');
    if (items.length === 0) y.fail(m.get('columns'), 'index columns must not be empty');
    for (const it of items) {
      refs.push(...(await checkIndexElement(y, it.node, it.value)));
      elements.push({ value: it.value, loc: y.loc(it.node) });
    }
  } else {
    const en = m.get('expression')!;
    const e = located(y, en, 'index expression');
    refs.push(...(await checkExpression(y, en, e.value, 'index expression')));
    elements.push({ value: `(${e.value})`, loc: e.loc });
  }
  let where: Located<string> | undefined;
  if (m.has('where')) {
    where = located(y, m.get('where')!, 'index predicate');
    refs.push(...(await checkExpression(y, m.get('where')!, where.value, 'index predicate')));
  }
  const method = m.has('method') ? y.str(m.get('method')!, 'method') : undefined;
  if (method !== undefined && !/^[a-z_][a-z0-9_]*$/.test(method)) y.fail(m.get('method'), `"${method}" is not an index method name`);
  return {
    name: m.has('name') ? y.str(m.get('name')!, 'name') : undefined,
    elements,
    unique: m.has('unique') ? y.bool(m.get('unique')!, 'unique') : false,
    where,
    include: m.has('include') ? columnList(y, m.get('include')!, 'include', known) : [],
    method,
    loc: y.loc(xn),
  };
}

/** `options:` storage parameters (name: number, boolean or string). */
function readOptions(y: YamlFile, on: Node): TableSpec['options'] {
  if (!isMap(on)) y.fail(on, 'options must be a mapping of storage parameters');
  const m = y.map(on, 'options', keysOf(on));
  const options: { name: string; value: string | number | boolean }[] = [];
  for (const [k, v] of m) {
    if (!/^[a-z_][a-z0-9_.]*$/.test(k)) y.fail(v, `"${k}" is not a storage parameter name`);
    const raw = (v as { value?: unknown }).value;
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') y.fail(v, `option ${k} must be a number, boolean or string`);
    options.push({ name: k, value: raw });
  }
  return options;
}

function tableRenamedFrom(y: YamlFile, rn: Node, schema: string, name: string): TableSpec['renamedFrom'] {
  const old = qualifiedName(y, rn, 'renamed_from');
  if (old.schema !== schema) y.fail(rn, `renamed_from must name a table in schema "${schema}" (moving a table to another schema is not supported)`);
  if (old.name === name) y.fail(rn, `renamed_from "${old.schema}.${old.name}" is the table's own name`);
  return { value: old, loc: y.loc(rn) };
}

function keysOf(node: Node): string[] {
  const items = (node as { items?: { key?: { value?: unknown } }[] }).items ?? [];
  return items.map((i) => String(i.key?.value));
}
