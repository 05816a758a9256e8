import type { CatalogObject, ObjectId } from '../catalog/model.js';
import type { Rename } from './renames.js';

/** One difference between two catalogs, matched by identity (or by a declared rename). */
export type Change =
  | { readonly op: 'create'; readonly id: ObjectId; readonly to: CatalogObject }
  | { readonly op: 'drop'; readonly id: ObjectId; readonly from: CatalogObject }
  | { readonly op: 'alter'; readonly id: ObjectId; readonly from: CatalogObject; readonly to: CatalogObject }
  | { readonly op: 'rename'; readonly id: ObjectId; readonly from: CatalogObject; readonly to: CatalogObject; readonly rename: Rename };

export function changeObject(c: Change): CatalogObject {
  return c.op === 'drop' ? c.from : c.to;
}
