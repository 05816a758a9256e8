import type { Catalog, CatalogObject } from '../catalog/model.js';
import { CATALOG_MAP_KEYS } from '../catalog/kinds.js';

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

/** The catalog maps the differ walks, in order: from the kind registry (src/catalog/kinds.ts). */
export const CATALOG_MAPS: readonly CatalogMapKey[] = CATALOG_MAP_KEYS;
