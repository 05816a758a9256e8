/**
 * What a key of a catalog refers to. Keys are built by `refKey` (ref.ts) and
 * never taken apart: the catalog that holds an object (or a column of its
 * relations, a constraint of its tables) answers what the key names. Built once
 * per catalog, on first use (catalogs are immutable).
 */
import type { Catalog, CatalogObject, ObjectId } from './model.js';
import { CATALOG_MAP_KEYS, kindSpec } from './kinds.js';
import { ref, refKey, type ObjectRef } from './ref.js';

interface Entry {
  readonly ref: ObjectRef;
  /** The object, for top-level objects. */
  readonly object?: CatalogObject;
  /** For a column: the key of the relation that holds it. */
  readonly owner?: ObjectId;
}

const indexes = new WeakMap<Catalog, Map<ObjectId, Entry>>();

function build(c: Catalog): Map<ObjectId, Entry> {
  const m = new Map<ObjectId, Entry>();
  for (const key of CATALOG_MAP_KEYS) {
    for (const o of (c[key] as ReadonlyMap<string, CatalogObject>).values()) {
      const r = kindSpec(o.kind).ref(o);
      const k = refKey(r);
      m.set(k, { ref: r, object: o });
      if (o.kind === 'table' || o.kind === 'view' || o.kind === 'matview') {
        for (const col of o.columns) {
          const cr = ref.column(o.schema, o.name, col.name);
          m.set(refKey(cr), { ref: cr, owner: k });
        }
      }
      if (o.kind === 'table') {
        for (const con of o.constraints) {
          const cr = ref.constraint(o.schema, o.name, con.name);
          m.set(refKey(cr), { ref: cr });
        }
      }
    }
  }
  return m;
}

function index(c: Catalog): Map<ObjectId, Entry> {
  let m = indexes.get(c);
  if (!m) indexes.set(c, (m = build(c)));
  return m;
}

/** The top-level object of a catalog with this key. */
export function lookupObject(c: Catalog, key: ObjectId): CatalogObject | undefined {
  return index(c).get(key)?.object;
}

/** What a key names in this catalog: an object, a column of a relation, a constraint of a table. */
export function refIn(c: Catalog, key: ObjectId): ObjectRef | undefined {
  return index(c).get(key)?.ref;
}

/** The relation (table, view, materialized view) that holds the column with this key. */
export function columnOwner(c: Catalog, key: ObjectId): ObjectId | undefined {
  return index(c).get(key)?.owner;
}
