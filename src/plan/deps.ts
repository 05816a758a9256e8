import type { Catalog, ObjectId, Routine, Table } from '../catalog/model.js';
import { routineFacts } from '../sql/routine-parse.js';
import { id } from '../catalog/identity.js';
import { nameClaim } from './kinds/names.js';

/** What an object depends on in a catalog, plus its schema. */
export function depsOf(c: Catalog, objectId: ObjectId, schema: string | null): ObjectId[] {
  const out = [...(c.dependsOn.get(objectId) ?? [])];
  if (schema) out.push(id.schema(schema));
  return out;
}

/** Dependencies of a table: of the table itself and of each of its columns. */
export function tableDeps(c: Catalog, schema: string, name: string, columns: readonly string[]): ObjectId[] {
  const out = depsOf(c, id.relation('table', schema, name), schema);
  for (const col of columns) out.push(...(c.dependsOn.get(id.column(schema, name, col)) ?? []));
  return out;
}

/** Reverse dependencies: id -> ids that depend on it. Columns also roll up to their relation. */
export function reverseDeps(c: Catalog): Map<ObjectId, ObjectId[]> {
  const rev = new Map<ObjectId, ObjectId[]>();
  const add = (to: ObjectId, from: ObjectId) => {
    let l = rev.get(to);
    if (!l) rev.set(to, (l = []));
    l.push(from);
  };
  for (const [from, tos] of c.dependsOn) for (const to of tos) add(to, from);
  return rev;
}

/** Ids and name claims of the sequences owned by a table's column (serial), which go away with it. */
export function ownedSequenceIds(c: Catalog, schema: string, table: string, column: string): ObjectId[] {
  const out: ObjectId[] = [];
  for (const s of c.sequences.values())
    if (s.ownedBy && s.ownedBy.schema === schema && s.ownedBy.table === table && s.ownedBy.column === column)
      out.push(id.relation('sequence', s.schema, s.name), nameClaim(s.schema, s.name));
  return out;
}

/**
 * What a plain SQL function body names (functions, tables, views), resolved in
 * a catalog: PostgreSQL checks such a body when the function is created but
 * records no dependency. A guess, so the planner uses it as a soft need.
 */
export function routineBodyDeps(c: Catalog, r: Routine): ObjectId[] {
  const facts = routineFacts(r.definition);
  if (!facts || (!facts.calls.length && !facts.relations.length)) return [];
  const self = id.function(r.schema, r.name, r.identityArgs);
  const path = facts.searchPath ?? [r.schema, 'public'];
  const out = new Set<ObjectId>();
  const byName = functionsByName(c);
  for (const q of facts.calls)
    for (const schema of q.schema ? [q.schema] : path) for (const f of byName.get(id.name('funcname', schema, q.name)) ?? []) if (f !== self) out.add(f);
  for (const q of facts.relations)
    for (const schema of q.schema ? [q.schema] : path)
      for (const kind of ['table', 'view', 'matview'] as const) {
        const rid = id.relation(kind, schema, q.name);
        if ((kind === 'table' ? c.tables : kind === 'view' ? c.views : c.matviews).has(rid)) out.add(rid);
      }
  return [...out].sort();
}

const byNameCache = new WeakMap<Catalog, Map<string, ObjectId[]>>();
function functionsByName(c: Catalog): Map<string, ObjectId[]> {
  let m = byNameCache.get(c);
  if (!m) {
    m = new Map();
    for (const [fid, f] of c.functions) {
      const k = id.name('funcname', f.schema, f.name);
      const l = m.get(k);
      if (l) l.push(fid);
      else m.set(k, [fid]);
    }
    byNameCache.set(c, m);
  }
  return m;
}

/** A routine's identity for PostgreSQL: schema, name and input argument types, without parameter names. */
export function routineSignatureClaim(r: Routine): ObjectId {
  const facts = routineFacts(r.definition);
  return id.signature(r.schema, r.name, facts ? facts.argumentTypes : r.identityArgs);
}

/** Which parents a table names: the tables it inherits from, or the table it is a partition of. */
const PARENTS = {
  inherits: (t: Table) => t.inherits,
  partitionOf: (t: Table) => (t.partitionOf ? [t.partitionOf] : []),
} as const;

const childIndexes = { inherits: new WeakMap<Catalog, Map<ObjectId, Table[]>>(), partitionOf: new WeakMap<Catalog, Map<ObjectId, Table[]>>() };

/** The children of the table `schema.name` by one kind of parent link, from an index built once per catalog (catalogs are immutable). */
function childrenBy(link: keyof typeof PARENTS, c: Catalog, schema: string, name: string): readonly Table[] {
  let m = childIndexes[link].get(c);
  if (!m) {
    m = new Map();
    for (const t of c.tables.values())
      for (const p of PARENTS[link](t)) {
        const k = id.relation('table', p.schema, p.table);
        const list = m.get(k);
        if (list) list.push(t);
        else m.set(k, [t]);
      }
    childIndexes[link].set(c, m);
  }
  return m.get(id.relation('table', schema, name)) ?? [];
}

/** The tables of the catalog that inherit from the table `schema.name`. */
export function inheritingTables(c: Catalog, schema: string, name: string): readonly Table[] {
  return childrenBy('inherits', c, schema, name);
}

/** The partitions (one level down) of the partitioned table `schema.name`. */
export function partitionsOf(c: Catalog, schema: string, name: string): readonly Table[] {
  return childrenBy('partitionOf', c, schema, name);
}
