import type { Catalog, CatalogObject } from '../catalog/model.js';

/** --schema / --exclude-schema: which schemas a comparison covers. */
export interface Scope {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export const ALL: Scope = { include: [], exclude: [] };

export function inScope(scope: Scope, schema: string | null): boolean {
  if (schema === null) return scope.include.length === 0;
  if (scope.exclude.includes(schema)) return false;
  return scope.include.length === 0 || scope.include.includes(schema);
}

export function objectSchema(o: CatalogObject): string | null {
  switch (o.kind) {
    case 'schema':
      return o.name;
    case 'extension':
      return o.schema;
    case 'defaultacl':
    case 'unsupported':
      return o.schema;
    default:
      return o.schema;
  }
}

export type CatalogMapKey = Exclude<keyof Catalog, 'serverVersion' | 'unsupported' | 'dependsOn'>;

export const CATALOG_MAPS: readonly CatalogMapKey[] = [
  'schemas',
  'extensions',
  'collations',
  'enums',
  'domains',
  'composites',
  'sequences',
  'tables',
  'indexes',
  'views',
  'matviews',
  'functions',
  'triggers',
  'policies',
  'defaultAcls',
];
