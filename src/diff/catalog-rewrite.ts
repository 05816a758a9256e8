/**
 * A catalog with some objects rewritten (renamed): every object passes through
 * `obj`, maps are keyed again by identity, and dependency ids pass through `ids`.
 */
import type { Catalog, CatalogObject, ObjectId } from '../catalog/model.js';
import { objectId } from '../catalog/identity.js';

const KEYED = ['collations', 'enums', 'domains', 'composites', 'sequences', 'tables', 'indexes', 'views', 'matviews', 'functions', 'triggers', 'policies', 'defaultAcls'] as const;

export function rewriteCatalog(c: Catalog, obj: (o: CatalogObject) => CatalogObject, ids: (oid: ObjectId) => ObjectId): Catalog {
  const moved = new Map<ObjectId, ObjectId>();
  const out: Record<string, unknown> = { ...c };
  for (const key of KEYED) {
    const m = new Map<ObjectId, CatalogObject>();
    for (const [k, o] of c[key] as ReadonlyMap<ObjectId, CatalogObject>) {
      const n = obj(o);
      const nk = n === o ? k : objectId(n);
      if (nk !== k) moved.set(k, nk);
      m.set(nk, n === o ? o : Object.freeze(n));
    }
    out[key] = m;
  }
  const mapId = (x: ObjectId) => ids(moved.get(x) ?? x);
  const deps = new Map<ObjectId, readonly ObjectId[]>();
  for (const [k, v] of c.dependsOn) deps.set(mapId(k), v.map(mapId));
  out.dependsOn = deps;
  return Object.freeze(out) as unknown as Catalog;
}

/** Every SQL text field of an object, rewritten by `f` (names, types, definitions, expressions). */
export function rewriteTexts(o: CatalogObject, f: (sql: string) => string): CatalogObject {
  const opt = (s: string | null) => (s === null ? null : f(s));
  switch (o.kind) {
    case 'domain':
      return { ...o, baseType: f(o.baseType), default: opt(o.default), constraints: o.constraints.map((k) => ({ ...k, definition: f(k.definition) })) };
    case 'composite':
      return { ...o, attributes: o.attributes.map((a) => ({ ...a, type: f(a.type) })) };
    case 'table':
      return {
        ...o,
        columns: o.columns.map((c) => ({ ...c, type: f(c.type), default: opt(c.default), generated: opt(c.generated) })),
        constraints: o.constraints.map((k) => ({ ...k, definition: f(k.definition) })),
        partitioning: o.partitioning ? { key: f(o.partitioning.key) } : null,
      };
    case 'index':
    case 'trigger':
      return { ...o, definition: f(o.definition) };
    case 'view':
    case 'matview':
      return { ...o, definition: f(o.definition), columns: o.columns.map((c) => ({ ...c, type: f(c.type) })) };
    case 'function':
      return { ...o, identityArgs: f(o.identityArgs), definition: f(o.definition), result: opt(o.result) };
    case 'policy':
      return { ...o, using: opt(o.using), withCheck: opt(o.withCheck) };
    default:
      return o;
  }
}

/** Whether rewriting changed anything (cheap structural check by JSON). */
export function sameObject(a: CatalogObject, b: CatalogObject): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
