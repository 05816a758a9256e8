/**
 * The kind registry: one entry per object kind, checked by the compiler against
 * the union of kinds in model.ts. Adding a kind to `CatalogObject` fails to
 * compile until it has an entry here; removing an entry fails too. The differ's
 * list of catalog maps (diff/scope.ts), lookup by identity, objectId and
 * describe (identity.ts) all come from this table. The planner table
 * (PLANNERS in plan/planner.ts) is the same mapped type over `ManagedKind`.
 *
 * Entry order is the order in which the differ walks the catalog.
 */
import type { Catalog, CatalogObject, ObjectId, ObjectKind } from './model.js';
import { id } from './ids.js';

export type ObjectOf<K extends ObjectKind> = Extract<CatalogObject, { kind: K }>;

/** Kinds fas plans for (everything but objects it reports as unsupported). */
export type ManagedKind = Exclude<ObjectKind, 'unsupported'>;

/** The Catalog map that holds exactly the objects of kind K; never if none does. */
export type MapOf<K extends ObjectKind> = {
  [M in keyof Catalog]: Catalog[M] extends ReadonlyMap<string, infer V>
    ? [V] extends [ObjectOf<K>]
      ? [ObjectOf<K>] extends [V]
        ? M
        : never
      : never
    : never;
}[keyof Catalog];

export interface KindSpec<K extends ObjectKind> {
  /** The Catalog map holding this kind; null only for kinds held in no map. */
  readonly map: [MapOf<K>] extends [never] ? null : MapOf<K>;
  /** The object's identity (ObjectId). */
  readonly identity: (o: ObjectOf<K>) => ObjectId;
  /** The object's key in its map, from its identity. */
  readonly mapKey: (oid: ObjectId) => string;
  /** Readable name for messages: "table s.t". */
  readonly describe: (o: ObjectOf<K>) => string;
}

/** Maps keyed by name (schema, extension) drop the "kind:" prefix; the others use the identity. */
const byName = (oid: ObjectId): string => oid.slice(oid.indexOf(':') + 1);
const byId = (oid: ObjectId): string => oid;
const qualified = (o: { kind: string; schema: string; name: string }): string => `${o.kind} ${o.schema}.${o.name}`;
const typeId = (o: ObjectOf<'collation' | 'enum' | 'domain' | 'composite'>): ObjectId => id.type(o.kind, o.schema, o.name);
const relationId = (o: ObjectOf<'sequence' | 'table' | 'index' | 'view' | 'matview'>): ObjectId => id.relation(o.kind, o.schema, o.name);

export const KINDS = {
  schema: { map: 'schemas', identity: (o) => id.schema(o.name), mapKey: byName, describe: (o) => `schema ${o.name}` },
  extension: { map: 'extensions', identity: (o) => id.extension(o.name), mapKey: byName, describe: (o) => `extension ${o.name}` },
  collation: { map: 'collations', identity: typeId, mapKey: byId, describe: qualified },
  enum: { map: 'enums', identity: typeId, mapKey: byId, describe: (o) => `type ${o.schema}.${o.name}` },
  domain: { map: 'domains', identity: typeId, mapKey: byId, describe: qualified },
  composite: { map: 'composites', identity: typeId, mapKey: byId, describe: qualified },
  sequence: { map: 'sequences', identity: relationId, mapKey: byId, describe: qualified },
  table: { map: 'tables', identity: relationId, mapKey: byId, describe: qualified },
  index: { map: 'indexes', identity: relationId, mapKey: byId, describe: qualified },
  view: { map: 'views', identity: relationId, mapKey: byId, describe: qualified },
  matview: { map: 'matviews', identity: relationId, mapKey: byId, describe: (o) => `materialized view ${o.schema}.${o.name}` },
  function: {
    map: 'functions',
    identity: (o) => id.function(o.schema, o.name, o.identityArgs),
    mapKey: byId,
    describe: (o) => `${o.routineKind} ${o.schema}.${o.name}(${o.identityArgs})`,
  },
  trigger: { map: 'triggers', identity: (o) => id.trigger(o.schema, o.table, o.name), mapKey: byId, describe: (o) => `trigger ${o.name} on ${o.schema}.${o.table}` },
  policy: { map: 'policies', identity: (o) => id.policy(o.schema, o.table, o.name), mapKey: byId, describe: (o) => `policy ${o.name} on ${o.schema}.${o.table}` },
  defaultacl: {
    map: 'defaultAcls',
    identity: (o) => id.defaultAcl(o.role, o.schema, o.objectType),
    mapKey: byId,
    describe: (o) => `default privileges of ${o.role}${o.schema ? ` in ${o.schema}` : ''} on ${o.objectType}`,
  },
  unsupported: {
    map: null,
    identity: (o) => `unsupported:${o.objectType}:${o.schema ?? ''}.${o.name}`,
    mapKey: byId,
    describe: (o) => `${o.objectType} ${o.schema ? o.schema + '.' : ''}${o.name}`,
  },
} as const satisfies { readonly [K in ObjectKind]: KindSpec<K> };

/** A registry entry seen through the whole union, for code that dispatches on o.kind. */
interface AnySpec {
  readonly map: keyof Catalog | null;
  readonly identity: (o: CatalogObject) => ObjectId;
  readonly mapKey: (oid: ObjectId) => string;
  readonly describe: (o: CatalogObject) => string;
}

export function kindSpec(kind: ObjectKind): AnySpec {
  return KINDS[kind] as unknown as AnySpec;
}

export function isObjectKind(kind: string): kind is ObjectKind {
  return Object.prototype.hasOwnProperty.call(KINDS, kind);
}

/** The catalog maps, in the order the differ walks them. */
export const CATALOG_MAP_KEYS = Object.values(KINDS).flatMap((s) => (s.map === null ? [] : [s.map]));

/** Find a top-level object of a catalog by its identity. */
export function lookupObject(c: Catalog, oid: ObjectId): CatalogObject | undefined {
  const kind = oid.slice(0, oid.indexOf(':'));
  if (!isObjectKind(kind)) return undefined;
  const spec = kindSpec(kind);
  if (spec.map === null) return undefined;
  return (c[spec.map] as ReadonlyMap<string, CatalogObject>).get(spec.mapKey(oid));
}
