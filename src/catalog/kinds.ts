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
import type { Catalog, CatalogObject, ObjectKind } from './model.js';
import { ref, type ObjectRef } from './ref.js';

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
  /** The object's reference (its identity is the reference's key, `refKey` in ref.ts). */
  readonly ref: (o: ObjectOf<K>) => ObjectRef;
  /** Readable name for messages: "table s.t". */
  readonly describe: (o: ObjectOf<K>) => string;
}

const qualified = (o: { kind: string; schema: string; name: string }): string => `${o.kind} ${o.schema}.${o.name}`;
const typeRef = (o: ObjectOf<'collation' | 'enum' | 'domain' | 'composite'>): ObjectRef => ref.type(o.kind, o.schema, o.name);
const relationRef = (o: ObjectOf<'sequence' | 'table' | 'index' | 'view' | 'matview'>): ObjectRef => ref.relation(o.kind, o.schema, o.name);

export const KINDS = {
  schema: { map: 'schemas', ref: (o) => ref.schema(o.name), describe: (o) => `schema ${o.name}` },
  extension: { map: 'extensions', ref: (o) => ref.extension(o.name), describe: (o) => `extension ${o.name}` },
  collation: { map: 'collations', ref: typeRef, describe: qualified },
  enum: { map: 'enums', ref: typeRef, describe: (o) => `type ${o.schema}.${o.name}` },
  domain: { map: 'domains', ref: typeRef, describe: qualified },
  composite: { map: 'composites', ref: typeRef, describe: qualified },
  sequence: { map: 'sequences', ref: relationRef, describe: qualified },
  table: { map: 'tables', ref: relationRef, describe: qualified },
  index: { map: 'indexes', ref: relationRef, describe: qualified },
  view: { map: 'views', ref: relationRef, describe: qualified },
  matview: { map: 'matviews', ref: relationRef, describe: (o) => `materialized view ${o.schema}.${o.name}` },
  function: {
    map: 'functions',
    ref: (o) => ref.function(o.schema, o.name, o.identityArgs),
    describe: (o) => `${o.routineKind} ${o.schema}.${o.name}(${o.identityArgs})`,
  },
  trigger: { map: 'triggers', ref: (o) => ref.trigger(o.schema, o.table, o.name), describe: (o) => `trigger ${o.name} on ${o.schema}.${o.table}` },
  policy: { map: 'policies', ref: (o) => ref.policy(o.schema, o.table, o.name), describe: (o) => `policy ${o.name} on ${o.schema}.${o.table}` },
  defaultacl: {
    map: 'defaultAcls',
    ref: (o) => ref.defaultAcl(o.role, o.schema, o.objectType),
    describe: (o) => `default privileges of ${o.role}${o.schema ? ` in ${o.schema}` : ''} on ${o.objectType}`,
  },
  unsupported: {
    map: null,
    ref: (o) => ref.unsupported(o.objectType, o.schema, o.name),
    describe: (o) => `${o.objectType} ${o.schema ? o.schema + '.' : ''}${o.name}`,
  },
} as const satisfies { readonly [K in ObjectKind]: KindSpec<K> };

/** A registry entry seen through the whole union, for code that dispatches on o.kind. */
interface AnySpec {
  readonly map: keyof Catalog | null;
  readonly ref: (o: CatalogObject) => ObjectRef;
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
