/**
 * The differ: matches objects of two catalogs by identity and emits Changes.
 * It never compares SQL text it wrote itself: both sides come from the same
 * introspector, so equal objects are structurally equal.
 */
import type { Catalog, CatalogObject } from '../catalog/model.js';
import { objectId } from '../catalog/identity.js';
import type { Change } from './change.js';
import { deepEqual } from './equal.js';
import { canonicalDefinitions } from './canonical.js';
import { ALL, CATALOG_MAPS, inScope, objectSchema, type Scope } from './scope.js';

export function diffCatalogs(from: Catalog, to: Catalog, scope: Scope = ALL): Change[] {
  const changes: Change[] = [];
  for (const key of CATALOG_MAPS) {
    const a = from[key] as ReadonlyMap<string, CatalogObject>;
    const b = to[key] as ReadonlyMap<string, CatalogObject>;
    const ids = [...new Set([...a.keys(), ...b.keys()])].sort();
    for (const k of ids) {
      const x = a.get(k);
      const y = b.get(k);
      const o = (y ?? x)!;
      if (!inScope(scope, objectSchema(o))) continue;
      const id = objectId(o);
      if (x && !y) changes.push({ op: 'drop', id, from: x });
      else if (!x && y) changes.push({ op: 'create', id, to: y });
      // objects equal as read are equal as compared (comparable is a function of the object): most
      // objects of two related catalogs are, and skip building their comparable forms
      else if (x && y && !deepEqual(x, y) && !deepEqual(comparable(x), comparable(y))) changes.push({ op: 'alter', id, from: x, to: y });
    }
  }
  return changes;
}

/**
 * What is compared. Column order of an existing table is not: PostgreSQL can only
 * append columns, and reordering would mean rebuilding the table with its data.
 * New tables are created in the declared order.
 */
export function comparable(o: CatalogObject): unknown {
  o = canonicalDefinitions(o);
  if ('options' in o && o.options.length > 1) o = { ...o, options: [...o.options].sort() } as CatalogObject;
  if (o.kind !== 'table') return o;
  const columns = [...o.columns].map(({ position: _p, ...c }) => c).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { ...o, columns };
}

/** Objects fas found but cannot manage, on either side (reported, never ignored). */
export function unsupportedIn(c: Catalog, scope: Scope = ALL) {
  return c.unsupported.filter((u) => inScope(scope, u.schema));
}
