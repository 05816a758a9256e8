/**
 * What a key of a catalog refers to. Keys are built by `refKey` (ref.ts) and
 * never taken apart: the catalog that holds an object (or a column of its
 * relations, a constraint of its tables) answers what the key names: objects from
 * the catalog's maps, columns and constraints from an index built once per catalog
 * when first asked for (catalogs are immutable).
 */
import type { Catalog, CatalogObject, MaterializedView, ObjectId, Table, View } from './model.js';
import { CATALOG_MAP_KEYS, kindSpec } from './kinds.js';
import { ref, refKey, type ObjectRef } from './ref.js';

/** A column or a constraint: its reference, and for a column the key of the relation that holds it. */
interface SubEntry {
  readonly ref: ObjectRef;
  readonly owner?: ObjectId;
}

const byName = new WeakMap<Catalog, Map<ObjectId, CatalogObject>>();
const subObjects = new WeakMap<Catalog, Map<ObjectId, SubEntry>>();

/** The maps keyed by the identity itself; schemas and extensions are keyed by name. */
const KEYED_BY_ID = CATALOG_MAP_KEYS.filter((k) => k !== 'schemas' && k !== 'extensions');

/** Schemas and extensions by their keys (a few objects). */
function named(c: Catalog): Map<ObjectId, CatalogObject> {
  let m = byName.get(c);
  if (!m) {
    m = new Map();
    for (const o of [...c.schemas.values(), ...c.extensions.values()]) m.set(refKey(kindSpec(o.kind).ref(o)), o);
    byName.set(c, m);
  }
  return m;
}

/** Columns of relations and constraints of tables by their keys, built when first asked for. */
function subIndex(c: Catalog): Map<ObjectId, SubEntry> {
  let m = subObjects.get(c);
  if (m) return m;
  m = new Map();
  for (const rels of [c.tables, c.views, c.matviews] as ReadonlyMap<ObjectId, Table | View | MaterializedView>[]) {
    for (const [k, o] of rels) {
      for (const col of o.columns) {
        const r = ref.column(o.schema, o.name, col.name);
        m.set(refKey(r), { ref: r, owner: k });
      }
      if (o.kind === 'table') {
        for (const con of o.constraints) {
          const r = ref.constraint(o.schema, o.name, con.name);
          m.set(refKey(r), { ref: r });
        }
      }
    }
  }
  subObjects.set(c, m);
  return m;
}

/** The top-level object of a catalog with this key. */
export function lookupObject(c: Catalog, key: ObjectId): CatalogObject | undefined {
  for (const mk of KEYED_BY_ID) {
    const o = (c[mk] as ReadonlyMap<ObjectId, CatalogObject>).get(key);
    if (o) return o;
  }
  return named(c).get(key);
}

/** What a key names in this catalog: an object, a column of a relation, a constraint of a table. */
export function refIn(c: Catalog, key: ObjectId): ObjectRef | undefined {
  const o = lookupObject(c, key);
  return o ? kindSpec(o.kind).ref(o) : subIndex(c).get(key)?.ref;
}

/** The relation (table, view, materialized view) that holds the column with this key. */
export function columnOwner(c: Catalog, key: ObjectId): ObjectId | undefined {
  return subIndex(c).get(key)?.owner;
}
