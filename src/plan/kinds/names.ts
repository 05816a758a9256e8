import type { ObjectId } from '../../catalog/model.js';
import { id } from '../../catalog/ref.js';

/** A claim on a name in a schema's relation/type namespace: a drop frees it, a create takes it. */
export function nameClaim(schema: string, name: string): ObjectId {
  return id.name('claim', schema, name);
}
