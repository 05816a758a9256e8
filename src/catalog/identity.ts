import type { CatalogObject, ObjectId } from './model.js';
import { kindSpec } from './kinds.js';

export { id } from './ids.js';

/** The identity of a top-level catalog object (from the kind registry, src/catalog/kinds.ts). */
export function objectId(o: CatalogObject): ObjectId {
  return kindSpec(o.kind).identity(o);
}

/** Readable name for messages: "table access_tracking.file_access_log" (from the kind registry). */
export function describe(o: CatalogObject): string {
  return kindSpec(o.kind).describe(o);
}
