import type { ObjectId } from '../../catalog/model.js';

/** A claim on a name in a schema's relation/type namespace: a drop frees it, a create takes it. */
export function nameClaim(schema: string, name: string): ObjectId {
  return `name:${schema}.${name}`;
}
