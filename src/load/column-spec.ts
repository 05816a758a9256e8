/** The `columns:` of a table YAML file: each column read and checked, and the declared column renames. */
import type { Node } from 'yaml';
import { checkExpression, checkType } from './fragments.js';
import { FasError } from '../util/errors.js';
import type { Loc, Use } from './types.js';
import type { YamlFile } from './yaml-reader.js';
import { type ColumnSpec, type Located, located } from './table-spec.js';

const COLUMN_KEYS = ['name', 'renamed_from', 'type', 'nullable', 'identity', 'default', 'generated', 'collation', 'comment'];

/** The columns in file order; references in their types and expressions go to `refs`. */
export async function readColumns(y: YamlFile, node: Node, refs: Use[]): Promise<ColumnSpec[]> {
  const columns: ColumnSpec[] = [];
  const seen = new Set<string>();
  for (const cn of y.seq(node, 'columns')) columns.push(await readColumn(y, cn, refs, seen));
  checkRenames(columns, seen);
  return columns;
}

/** One column; `seen` holds the names before it (and gets this one). */
async function readColumn(y: YamlFile, cn: Node, refs: Use[], seen: Set<string>): Promise<ColumnSpec> {
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
  return {
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
  };
}

function columnRenamedFrom(y: YamlFile, node: Node, name: string): Located<string> {
  const v = y.str(node, 'renamed_from');
  if (v.includes('.')) y.fail(node, `renamed_from of column "${name}" is the old column name alone (no table or schema), got "${v}"`);
  if (v === name) y.fail(node, `renamed_from "${v}" is the column's own name`);
  return { value: v, loc: y.loc(node) };
}

/** A renamed_from names a column that is gone, and only one column claims it. */
function checkRenames(columns: readonly ColumnSpec[], declared: ReadonlySet<string>): void {
  for (const c of columns)
    if (c.renamedFrom && declared.has(c.renamedFrom.value))
      failAt(c.renamedFrom.loc, `column "${c.name}": renamed_from "${c.renamedFrom.value}" names a column this table still declares`);
  const claimed = new Map<string, string>();
  for (const c of columns) {
    if (!c.renamedFrom) continue;
    const other = claimed.get(c.renamedFrom.value);
    if (other !== undefined) failAt(c.renamedFrom.loc, `columns "${other}" and "${c.name}" both declare renamed_from "${c.renamedFrom.value}"`);
    claimed.set(c.renamedFrom.value, c.name);
  }
}

function failAt(loc: Loc, message: string): never {
  throw new FasError('YAML', `${loc.file}:${loc.line}:${loc.column}: ${message}`, { location: loc });
}
