import type { Catalog, ObjectId } from '../catalog/model.js';
import { id } from '../catalog/identity.js';

/** What an object depends on in a catalog, plus its schema. */
export function depsOf(c: Catalog, objectId: ObjectId, schema: string | null): ObjectId[] {
  const out = [...(c.dependsOn.get(objectId) ?? [])];
  if (schema) out.push(id.schema(schema));
  return out;
}

/** Dependencies of a table: of the table itself and of each of its columns. */
export function tableDeps(c: Catalog, schema: string, name: string, columns: readonly string[]): ObjectId[] {
  const out = depsOf(c, id.relation('table', schema, name), schema);
  for (const col of columns) out.push(...(c.dependsOn.get(id.column(schema, name, col)) ?? []));
  return out;
}

/** Reverse dependencies: id -> ids that depend on it. Columns also roll up to their relation. */
export function reverseDeps(c: Catalog): Map<ObjectId, ObjectId[]> {
  const rev = new Map<ObjectId, ObjectId[]>();
  const add = (to: ObjectId, from: ObjectId) => {
    let l = rev.get(to);
    if (!l) rev.set(to, (l = []));
    l.push(from);
  };
  for (const [from, tos] of c.dependsOn) for (const to of tos) add(to, from);
  return rev;
}
