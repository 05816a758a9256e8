/**
 * The expand stage for declared renames: the current catalog is renamed as the
 * declarations say (a pure rewrite, the way PostgreSQL's own ALTER ... RENAME
 * changes it), and each effective rename becomes one ALTER ... RENAME statement.
 * Diffing the renamed catalog with the desired one then finds no drop and create
 * for a renamed object: its data, indexes, constraints, grants and comments stay.
 *
 * A declaration whose old name is not in the current catalog is a no-op (it was
 * applied already, or the object is new). Both names present is an error.
 */
import type { Catalog, CatalogObject, ObjectId, Table } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import { refIn } from '../catalog/ref-index.js';
import { ident, literal, qualified } from '../sql/quote.js';
import { FasError } from '../util/errors.js';
import { rewriteCatalog, rewriteTexts, sameObject } from './catalog-rewrite.js';
import { renameColumn, renameEnumValue, renameIndexName, renameLocalColumn, renameQualified, renameReferencedColumn } from './rename-sql.js';
import { describeRename, type Rename, type RenameKind } from './renames.js';

export interface RenameStep {
  readonly rename: Rename;
  readonly sql: string;
  /** The object as it was, and as it is once renamed (a column's or constraint's table). */
  readonly from: CatalogObject;
  readonly to: CatalogObject;
}

export interface RenameExpansion {
  /** The current catalog with every effective rename applied. */
  readonly catalog: Catalog;
  /** Effective renames, in the order they run (declared ones, then those they imply). */
  readonly steps: readonly RenameStep[];
}

const PHASE: Record<RenameKind, number> = {
  enum: 0,
  domain: 0,
  composite: 0,
  table: 1,
  view: 1,
  matview: 1,
  sequence: 1,
  index: 1,
  function: 1,
  'enum-value': 2,
  column: 3,
  constraint: 4,
};

const ALTER: Record<string, string> = {
  table: 'TABLE',
  view: 'VIEW',
  matview: 'MATERIALIZED VIEW',
  sequence: 'SEQUENCE',
  index: 'INDEX',
  enum: 'TYPE',
  composite: 'TYPE',
  domain: 'DOMAIN',
};

function mapOf(c: Catalog, kind: RenameKind): ReadonlyMap<ObjectId, CatalogObject> | undefined {
  const m: Partial<Record<RenameKind, ReadonlyMap<ObjectId, CatalogObject>>> = {
    table: c.tables,
    view: c.views,
    matview: c.matviews,
    sequence: c.sequences,
    index: c.indexes,
    enum: c.enums,
    domain: c.domains,
    composite: c.composites,
  };
  return m[kind];
}

function objectKey(kind: RenameKind, schema: string, name: string): ObjectId {
  return kind === 'enum' || kind === 'domain' || kind === 'composite' ? id.type(kind, schema, name) : id.relation(kind as 'table', schema, name);
}

function conflict(r: Rename, what: string): never {
  const at = r.loc ? `${r.loc.file}:${r.loc.line ?? 1}:${r.loc.column ?? 1}: ` : '';
  throw new FasError('CONFIG', `${at}cannot rename ${describeRename(r)}: ${what}`, { location: r.loc });
}

type Step = { catalog: Catalog; step: RenameStep } | null;

/** A relation or type renamed: every qualified reference follows. */
function renameObject(c: Catalog, r: Rename): Step {
  const map = mapOf(c, r.kind)!;
  const old = map.get(objectKey(r.kind, r.schema, r.from));
  if (!old) return null;
  if (map.get(objectKey(r.kind, r.schema, r.to))) conflict(r, `both ${r.from} and ${r.to} exist in the current database`);
  const relation = r.kind === 'table' || r.kind === 'view' || r.kind === 'matview';
  const prefixes = relation ? ['column', 'constraint', 'trigger', 'policy'].map((k) => [`${k}:${r.schema}.${r.from}.`, `${k}:${r.schema}.${r.to}.`] as const) : [];
  const catalog = rewriteCatalog(
    c,
    (o) => {
      let n = rewriteTexts(o, (sql) => renameQualified(sql, r.schema, r.from, r.to, relation && (o.kind === 'view' || o.kind === 'matview')));
      if (o === old) n = { ...n, name: r.to } as CatalogObject;
      if (r.kind === 'index' && o === old && n.kind === 'index') n = { ...n, definition: renameIndexName(n.definition, r.from, r.to) };
      if (relation && 'table' in n && n.schema === r.schema && n.table === r.from) n = { ...n, table: r.to } as CatalogObject;
      if (n.kind === 'sequence' && n.ownedBy?.schema === r.schema && n.ownedBy.table === r.from) n = { ...n, ownedBy: { ...n.ownedBy, table: r.to } };
      if (n.kind === 'table') n = followParents(n, r);
      return sameObject(n, o) ? o : n;
    },
    (x) => {
      for (const [a, b] of prefixes) if (x.startsWith(a)) return b + x.slice(a.length);
      return x;
    },
  );
  const to = mapOf(catalog, r.kind)!.get(objectKey(r.kind, r.schema, r.to))!;
  return { catalog, step: { rename: r, from: old, to, sql: `ALTER ${ALTER[r.kind]} ${qualified(r.schema, r.from)} RENAME TO ${ident(r.to)}` } };
}

function followParents(t: Table, r: Rename): Table {
  const p = t.partitionOf;
  const partitionOf = p && p.schema === r.schema && p.table === r.from ? { ...p, table: r.to } : p;
  const inherits = t.inherits.map((i) => (i.schema === r.schema && i.table === r.from ? { ...i, table: r.to } : i));
  return { ...t, partitionOf, inherits };
}

/** A function (every overload that the desired catalog has under the new name with the same arguments). */
function renameFunction(c: Catalog, desired: Catalog, r: Rename): Step {
  const olds = [...c.functions.values()].filter((f) => f.schema === r.schema && f.name === r.from);
  const old = olds.find((f) => desired.functions.has(id.function(r.schema, r.to, f.identityArgs)));
  if (!old) return null;
  if (c.functions.has(id.function(r.schema, r.to, old.identityArgs))) conflict(r, `both ${r.from}(${old.identityArgs}) and ${r.to}(${old.identityArgs}) exist in the current database`);
  const catalog = rewriteCatalog(
    c,
    (o) => {
      let n = o.kind === 'function' && o.name === r.from && o.schema === r.schema && o !== old ? o : rewriteTexts(o, (sql) => renameQualified(sql, r.schema, r.from, r.to));
      if (o === old) n = { ...n, name: r.to } as CatalogObject;
      return sameObject(n, o) ? o : n;
    },
    (x) => x,
  );
  const to = catalog.functions.get(id.function(r.schema, r.to, old.identityArgs))!;
  const what = old.routineKind === 'procedure' ? 'PROCEDURE' : old.routineKind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION';
  return { catalog, step: { rename: r, from: old, to, sql: `ALTER ${what} ${qualified(r.schema, r.from)}(${old.identityArgs}) RENAME TO ${ident(r.to)}` } };
}

function renameEnumValueStep(c: Catalog, r: Rename): Step {
  const eid = id.type('enum', r.schema, r.parent!);
  const e = c.enums.get(eid);
  if (!e || !e.values.includes(r.from)) return null;
  if (e.values.includes(r.to)) conflict(r, `the type has both values '${r.from}' and '${r.to}'`);
  const catalog = rewriteCatalog(
    c,
    (o) => {
      let n = rewriteTexts(o, (sql) => renameEnumValue(sql, r.schema, r.parent!, r.from, r.to));
      if (o === e) n = { ...e, values: e.values.map((v) => (v === r.from ? r.to : v)) };
      return sameObject(n, o) ? o : n;
    },
    (x) => x,
  );
  return { catalog, step: { rename: r, from: e, to: catalog.enums.get(eid)!, sql: `ALTER TYPE ${qualified(r.schema, r.parent!)} RENAME VALUE ${literal(r.from)} TO ${literal(r.to)}` } };
}

/** Views that use the column, and no same-named column of another relation (so the name alone points to it). */
function viewsFollowing(c: Catalog, schema: string, table: string, column: string): Set<ObjectId> {
  const cid = id.column(schema, table, column);
  const out = new Set<ObjectId>();
  const isColumnNamed = (x: ObjectId) => {
    const r = refIn(c, x);
    return r?.kind === 'column' && r.name === column;
  };
  for (const [dep, on] of c.dependsOn) {
    const kind = refIn(c, dep)?.kind;
    if (!(kind === 'view' || kind === 'matview') || !on.includes(cid)) continue;
    if (on.some((x) => x !== cid && isColumnNamed(x))) continue;
    out.add(dep);
  }
  return out;
}

function renameColumnStep(c: Catalog, r: Rename): Step {
  const t = c.tables.get(id.relation('table', r.schema, r.parent!));
  if (!t || !t.columns.some((x) => x.name === r.from)) return null;
  if (t.columns.some((x) => x.name === r.to)) conflict(r, `the table has both columns ${r.from} and ${r.to}`);
  const views = viewsFollowing(c, r.schema, t.name, r.from);
  const onTable = (o: { schema: string; table: string }) => o.schema === r.schema && o.table === t.name;
  const fk = (def: string) => renameReferencedColumn(def, r.schema, t.name, r.from, r.to);
  const catalog = rewriteCatalog(
    c,
    (o) => {
      let n: CatalogObject = o;
      if (o === t)
        n = {
          ...t,
          columns: t.columns.map((x) => {
            const e = (s: string | null) => (s === null ? null : renameColumn(s, r.from, r.to));
            return { ...x, name: x.name === r.from ? r.to : x.name, default: e(x.default), generated: e(x.generated) };
          }),
          constraints: t.constraints.map((k) => ({ ...k, definition: k.type === 'f' ? fk(renameLocalColumn(k.definition, r.from, r.to)) : renameColumn(k.definition, r.from, r.to) })),
        };
      else if (o.kind === 'table') n = { ...o, constraints: o.constraints.map((k) => (k.type === 'f' ? { ...k, definition: fk(k.definition) } : k)) };
      else if (o.kind === 'index' && onTable(o)) n = { ...o, definition: renameColumn(o.definition, r.from, r.to) };
      else if (o.kind === 'trigger' && onTable(o)) n = { ...o, definition: renameColumn(o.definition, r.from, r.to, ['new', 'old']) };
      else if (o.kind === 'policy' && onTable(o)) {
        const e = (s: string | null) => (s === null ? null : renameColumn(s, r.from, r.to));
        n = { ...o, using: e(o.using), withCheck: e(o.withCheck) };
      } else if ((o.kind === 'view' || o.kind === 'matview') && views.has(id.relation(o.kind, o.schema, o.name)))
        n = { ...o, definition: renameColumn(o.definition, r.from, r.to, [t.name]) };
      else if (o.kind === 'sequence' && o.ownedBy && onTable(o.ownedBy) && o.ownedBy.column === r.from) n = { ...o, ownedBy: { ...o.ownedBy, column: r.to } };
      return sameObject(n, o) ? o : n;
    },
    (x) => (x === id.column(r.schema, t.name, r.from) ? id.column(r.schema, t.name, r.to) : x),
  );
  const to = catalog.tables.get(id.relation('table', r.schema, t.name))!;
  return { catalog, step: { rename: r, from: t, to, sql: `ALTER TABLE ${qualified(r.schema, t.name)} RENAME COLUMN ${ident(r.from)} TO ${ident(r.to)}` } };
}

function renameConstraintStep(c: Catalog, r: Rename): Step {
  const t = c.tables.get(id.relation('table', r.schema, r.parent!));
  if (!t || !t.constraints.some((k) => k.name === r.from && !k.inherited)) return null;
  if (t.constraints.some((k) => k.name === r.to)) conflict(r, `the table has both constraints ${r.from} and ${r.to}`);
  const catalog = rewriteCatalog(
    c,
    (o) => (o === t ? { ...t, constraints: t.constraints.map((k) => (k.name === r.from ? { ...k, name: r.to } : k)) } : o),
    (x) => (x === id.constraint(r.schema, t.name, r.from) ? id.constraint(r.schema, t.name, r.to) : x),
  );
  const to = catalog.tables.get(id.relation('table', r.schema, t.name))!;
  return { catalog, step: { rename: r, from: t, to, sql: `ALTER TABLE ${qualified(r.schema, t.name)} RENAME CONSTRAINT ${ident(r.from)} TO ${ident(r.to)}` } };
}

function renameOne(c: Catalog, desired: Catalog, r: Rename): Step {
  switch (r.kind) {
    case 'function':
      return renameFunction(c, desired, r);
    case 'enum-value':
      return renameEnumValueStep(c, r);
    case 'column':
      return renameColumnStep(c, r);
    case 'constraint':
      return renameConstraintStep(c, r);
    case 'sequence':
      return renameObject(c, r) ?? renameIdentitySequence(c, r);
    default:
      return renameObject(c, r);
  }
}

/**
 * Names PostgreSQL does not change along with a table or column (identity
 * sequences, and constraints and indexes whose definition is otherwise the
 * same) follow to the desired name, on the tables a declared rename touched.
 */
function impliedRenames(c: Catalog, desired: Catalog, tables: ReadonlySet<ObjectId>): Rename[] {
  const out: Rename[] = [];
  for (const tid of [...tables].sort()) {
    const have = c.tables.get(tid);
    const want = desired.tables.get(tid);
    if (!have || !want) continue;
    const relNames = new Set([...c.sequences.values(), ...c.indexes.values()].filter((x) => x.schema === have.schema).map((x) => x.name));
    for (const col of have.columns) {
      const w = want.columns.find((x) => x.name === col.name);
      const from = col.identity?.sequenceName;
      const to = w?.identity?.sequenceName;
      if (from && to && from !== to && !relNames.has(to)) out.push({ kind: 'sequence', schema: have.schema, from, to });
    }
    const unmatched = <T extends { name: string }>(xs: readonly T[], ys: readonly T[]) => xs.filter((x) => !ys.some((y) => y.name === x.name));
    const kHave = unmatched(have.constraints.filter((k) => !k.inherited), want.constraints);
    const kWant = unmatched(want.constraints.filter((k) => !k.inherited), have.constraints);
    for (const k of kHave) {
      const m = kWant.find((w) => w.type === k.type && w.definition === k.definition && !out.some((o) => o.kind === 'constraint' && o.to === w.name));
      if (m && !relNames.has(m.name)) out.push({ kind: 'constraint', schema: have.schema, parent: have.name, from: k.name, to: m.name });
    }
    const ixOf = (cat: Catalog) => [...cat.indexes.values()].filter((x) => x.schema === have.schema && x.table === have.name);
    const iHave = unmatched(ixOf(c), ixOf(desired));
    const iWant = unmatched(ixOf(desired), ixOf(c));
    for (const x of iHave) {
      const m = iWant.find((w) => renameIndexName(x.definition, x.name, w.name) === w.definition && !out.some((o) => o.kind === 'index' && o.to === w.name));
      if (m && !relNames.has(m.name)) out.push({ kind: 'index', schema: have.schema, from: x.name, to: m.name });
    }
  }
  return out;
}

/** An identity sequence renamed (it is no catalog object of its own: the column names it). */
function renameIdentitySequence(c: Catalog, r: Rename): Step {
  const t = [...c.tables.values()].find((x) => x.schema === r.schema && x.columns.some((col) => col.identity?.sequenceName === r.from));
  if (!t) return null;
  const catalog = rewriteCatalog(
    c,
    (o) => (o === t ? { ...t, columns: t.columns.map((col) => (col.identity?.sequenceName === r.from ? { ...col, identity: { ...col.identity, sequenceName: r.to } } : col)) } : o),
    (x) => x,
  );
  const to = catalog.tables.get(id.relation('table', t.schema, t.name))!;
  return { catalog, step: { rename: r, from: t, to, sql: `ALTER SEQUENCE ${qualified(r.schema, r.from)} RENAME TO ${ident(r.to)}` } };
}

export function expandRenames(current: Catalog, desired: Catalog, renames: readonly Rename[]): RenameExpansion {
  let c = current;
  const steps: RenameStep[] = [];
  const touched = new Set<ObjectId>();
  const ordered = [...renames].sort((a, b) => PHASE[a.kind] - PHASE[b.kind]);
  for (const r of ordered) {
    const s = renameOne(c, desired, r);
    if (!s) continue;
    c = s.catalog;
    steps.push(s.step);
    if (r.kind === 'table') touched.add(id.relation('table', r.schema, r.to));
    if (r.kind === 'column') touched.add(id.relation('table', r.schema, r.parent!));
  }
  for (const r of impliedRenames(c, desired, touched)) {
    const s = r.kind === 'sequence' ? renameIdentitySequence(c, r) : renameOne(c, desired, r);
    if (!s) continue;
    c = s.catalog;
    steps.push(s.step);
  }
  return { catalog: c, steps };
}
