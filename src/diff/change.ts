import type { CatalogObject, ObjectId } from '../catalog/model.js';

/** One difference between two catalogs, matched by identity. */
export type Change =
  | { readonly op: 'create'; readonly id: ObjectId; readonly to: CatalogObject }
  | { readonly op: 'drop'; readonly id: ObjectId; readonly from: CatalogObject }
  | { readonly op: 'alter'; readonly id: ObjectId; readonly from: CatalogObject; readonly to: CatalogObject };

export function changeObject(c: Change): CatalogObject {
  return c.op === 'drop' ? c.from : c.to;
}
