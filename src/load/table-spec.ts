/** Reads and validates one table YAML file into a TableSpec (no SQL is written here). */
import { isMap, isSeq, type Node } from 'yaml';
import { checkExpression, checkIndexElement, checkPartitionBy, checkType, parseReferenceText } from './fragments.js';
import { FasError } from '../util/errors.js';
import { key } from './names.js';
import type { Loc, Ref } from './types.js';
import type { YamlFile } from './yaml-reader.js';

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
  readonly refs: readonly Ref[];
  /** `renamed_from: schema.old_name`: the table's previous name (a declared rename). */
  readonly renamedFrom?: Located<{ schema: string; name: string }>;
}

const TABLE_KEYS = [
  'table', 'renamed_from', 'comment', 'unlogged', 'columns', 'primary_key', 'unique', 'foreign_keys', 'checks', 'indexes', 'partition_by', 'options', 'grants',
];
const COLUMN_KEYS = ['name', 'renamed_from', 'type', 'nullable', 'identity', 'default', 'generated', 'collation', 'comment'];

/** "schema.name": exactly two non-empty parts, taken verbatim (case-sensitive). */
export function qualifiedName(y: YamlFile, node: Node, what: string): { schema: string; name: string } {
  const text = y.str(node, what);
  const parts = text.split('.');
  if (parts.length !== 2 || parts.some((p) => p === '' || p.trim() !== p)) y.fail(node, `${what} must be schema-qualified as schema.name, got "${text}"`);
  return { schema: parts[0]!, name: parts[1]! };
}

function located(y: YamlFile, node: Node, what: string): Located<string> {
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
  const refs: Ref[] = [];

  const columns: ColumnSpec[] = [];
  const seen = new Set<string>();
  for (const cn of y.seq(top.get('columns')!, 'columns')) {
    const m = y.map(cn, 'column', COLUMN_KEYS, ['name', 'type']);
    const colName = y.str(m.get('name')!, 'column name');
    if (seen.has(colName)) y.fail(m.get('name'), `column "${colName}" is declared twice`);
    seen.add(colName);
    const typeNode = m.get('type')!;
    const type = located(y, typeNode, 'type');
    refs.push(...(await checkType(y, typeNode, type.value)));
    let identity: ColumnSpec['identity'];
    if (m.has('identity')) {
      const v = y.str(m.get('identity')!, 'identity');
      if (v !== 'always' && v !== 'by default') y.fail(m.get('identity'), `identity must be "always" or "by default", got "${v}"`);
      identity = v;
    }
    const expr = async (k: string, what: string): Promise<Located<string> | undefined> => {
      const n = m.get(k);
      if (!n) return undefined;
      const l = located(y, n, what);
      refs.push(...(await checkExpression(y, n, l.value, what)));
      return l;
    };
    const dflt = await expr('default', 'default');
    const generated = await expr('generated', 'generated expression');
    if ([identity, dflt, generated].filter((x) => x !== undefined).length > 1) {
      y.fail(cn, `column "${colName}": identity, default and generated exclude each other`);
    }
    columns.push({
      name: colName,
      loc: y.loc(cn),
      type,
      nullable: m.has('nullable') ? y.bool(m.get('nullable')!, 'nullable') : true,
      identity,
      default: dflt,
      generated,
      collation: m.has('collation') ? y.str(m.get('collation')!, 'collation') : undefined,
      comment: m.has('comment') ? y.str(m.get('comment')!, 'comment') : undefined,
      renamedFrom: m.has('renamed_from') ? columnRenamedFrom(y, m.get('renamed_from')!, colName) : undefined,
    });
  }
  for (const c of columns)
    if (c.renamedFrom && seen.has(c.renamedFrom.value))
      failAt(c.renamedFrom.loc, `column "${c.name}": renamed_from "${c.renamedFrom.value}" names a column this table still declares`);
  const claimed = new Map<string, string>();
  for (const c of columns) {
    if (!c.renamedFrom) continue;
    const other = claimed.get(c.renamedFrom.value);
    if (other !== undefined) failAt(c.renamedFrom.loc, `columns "${other}" and "${c.name}" both declare renamed_from "${c.renamedFrom.value}"`);
    claimed.set(c.renamedFrom.value, c.name);
  }
  if (columns.length === 0 && !top.has('partition_by')) y.fail(top.get('columns'), 'a table needs at least one column');

  const primaryKey = top.has('primary_key') ? keySpec(y, top.get('primary_key')!, 'primary_key', seen) : undefined;
  const unique = top.has('unique') ? y.seq(top.get('unique')!, 'unique').map((n) => keySpec(y, n, 'unique', seen)) : [];

  const foreignKeys: ForeignKeySpec[] = [];
  for (const fn of top.has('foreign_keys') ? y.seq(top.get('foreign_keys')!, 'foreign_keys') : []) {
    const m = y.map(fn, 'foreign key', ['name', 'columns', 'references', 'on_delete', 'on_update', 'deferrable', 'initially_deferred'], ['columns', 'references']);
    const cols = columnList(y, m.get('columns')!, 'foreign key columns', seen);
    const rn = m.get('references')!;
    let target: { schema: string; table: string; columns: string[] };
    if (isMap(rn)) {
      const r = y.map(rn, 'references', ['table', 'columns'], ['table', 'columns']);
      const q = qualifiedName(y, r.get('table')!, 'references table');
      target = { schema: q.schema, table: q.name, columns: y.strList(r.get('columns')!, 'references columns').map((c) => c.value) };
    } else {
      const p = await parseReferenceText(y, rn, y.str(rn, 'references'));
      if (p.schema === undefined) y.fail(rn, 'references must be schema-qualified: schema.table(column, ...)');
      target = { schema: p.schema, table: p.table, columns: p.columns };
    }
    if (target.columns.length !== cols.length) y.fail(rn, `foreign key has ${cols.length} column(s) but references ${target.columns.length}`);
    const deferrable = m.has('deferrable') ? y.bool(m.get('deferrable')!, 'deferrable') : false;
    const initiallyDeferred = m.has('initially_deferred') ? y.bool(m.get('initially_deferred')!, 'initially_deferred') : false;
    if (initiallyDeferred && !deferrable) y.fail(m.get('initially_deferred'), 'initially_deferred needs deferrable: true');
    const refLoc = y.loc(rn);
    refs.push({
      keys: [key.rel(target.schema, target.table)],
      display: `table ${target.schema}.${target.table}`,
      loc: refLoc,
      strict: true,
    });
    foreignKeys.push({
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
    });
  }

  const checks: CheckSpec[] = [];
  for (const cn of top.has('checks') ? y.seq(top.get('checks')!, 'checks') : []) {
    const m = y.map(cn, 'check', ['name', 'expression'], ['expression']);
    const e = located(y, m.get('expression')!, 'check expression');
    refs.push(...(await checkExpression(y, m.get('expression')!, e.value, 'check expression')));
    checks.push({ name: m.has('name') ? y.str(m.get('name')!, 'name') : undefined, expression: e, loc: y.loc(cn) });
  }

  const indexes: IndexSpec[] = [];
  for (const xn of top.has('indexes') ? y.seq(top.get('indexes')!, 'indexes') : []) {
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
    indexes.push({
      name: m.has('name') ? y.str(m.get('name')!, 'name') : undefined,
      elements,
      unique: m.has('unique') ? y.bool(m.get('unique')!, 'unique') : false,
      where,
      include: m.has('include') ? columnList(y, m.get('include')!, 'include', seen) : [],
      method,
      loc: y.loc(xn),
    });
  }

  let partitionBy: Located<string> | undefined;
  if (top.has('partition_by')) {
    partitionBy = located(y, top.get('partition_by')!, 'partition_by');
    refs.push(...(await checkPartitionBy(y, top.get('partition_by')!, partitionBy.value)));
  }

  const options: { name: string; value: string | number | boolean }[] = [];
  if (top.has('options')) {
    const on = top.get('options')!;
    if (!isMap(on)) y.fail(on, 'options must be a mapping of storage parameters');
    const m = y.map(on, 'options', keysOf(on));
    for (const [k, v] of m) {
      if (!/^[a-z_][a-z0-9_.]*$/.test(k)) y.fail(v, `"${k}" is not a storage parameter name`);
      const raw = (v as { value?: unknown }).value;
      if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') y.fail(v, `option ${k} must be a number, boolean or string`);
      options.push({ name: k, value: raw });
    }
  }

  let renamedFrom: TableSpec['renamedFrom'];
  if (top.has('renamed_from')) {
    const rn = top.get('renamed_from')!;
    const old = qualifiedName(y, rn, 'renamed_from');
    if (old.schema !== schema) y.fail(rn, `renamed_from must name a table in schema "${schema}" (moving a table to another schema is not supported)`);
    if (old.name === name) y.fail(rn, `renamed_from "${old.schema}.${old.name}" is the table's own name`);
    renamedFrom = { value: old, loc: y.loc(rn) };
  }

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

function columnRenamedFrom(y: YamlFile, node: Node, name: string): Located<string> {
  const v = y.str(node, 'renamed_from');
  if (v.includes('.')) y.fail(node, `renamed_from of column "${name}" is the old column name alone (no table or schema), got "${v}"`);
  if (v === name) y.fail(node, `renamed_from "${v}" is the column's own name`);
  return { value: v, loc: y.loc(node) };
}

function failAt(loc: Loc, message: string): never {
  throw new FasError('YAML', `${loc.file}:${loc.line}:${loc.column}: ${message}`, { location: loc });
}

function keysOf(node: Node): string[] {
  const items = (node as { items?: { key?: { value?: unknown } }[] }).items ?? [];
  return items.map((i) => String(i.key?.value));
}
