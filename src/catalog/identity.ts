import type { CatalogObject, ObjectId } from './model.js';
import { kindSpec } from './kinds.js';
import { refKey, type ObjectRef } from './ref.js';

export { id, ref, refKey } from './ref.js';
export type { Ref, ObjectRef } from './ref.js';

/** The reference of a top-level catalog object (from the kind registry, src/catalog/kinds.ts). */
export function refOf(o: CatalogObject): ObjectRef {
  return kindSpec(o.kind).ref(o);
}

/** The identity of a top-level catalog object: the key of its reference. */
export function objectId(o: CatalogObject): ObjectId {
  return refKey(refOf(o));
}

/** Readable name for messages: "table access_tracking.file_access_log" (from the kind registry). */
export function describe(o: CatalogObject): string {
  return kindSpec(o.kind).describe(o);
}
