/**
 * Which tables a column's type change reaches through partition keys.
 * ALTER COLUMN ... TYPE on a table recurses into its partitions, and
 * PostgreSQL refuses it when the column is in the partition key of the table
 * or of any partition below it (cannot alter column "x" because it is part
 * of the partition key of relation "y"): such a table is dropped and created
 * again with its partitions instead (DELETES_DATA).
 */
import type { Catalog, ObjectId, Table } from '../catalog/model.js';
import { id, ref } from '../catalog/identity.js';
import { partitionKeyColumns } from './index-columns.js';
import { partitionsOf } from './deps.js';

/** Whether `column` is in the partition key of `t` or of a partition at any depth below it (catalog `c`). */
export function keyedAtOrBelow(c: Catalog, t: Table, column: string): boolean {
  if (t.partitioning !== null && partitionKeyColumns(t.partitioning.key).has(column)) return true;
  return partitionsOf(c, t.schema, t.name).some((p) => keyedAtOrBelow(c, p, column));
}

/**
 * A partition created with a partition key of its own waits for the conversion of those key
 * columns on the partitioned table at the top (where partitions get their columns): created
 * first, it would be reached by that ALTER COLUMN TYPE, which PostgreSQL refuses on a key column.
 * Marks that no statement of the plan provides are no edge.
 */
export function keyConversionMarks(desired: Catalog, t: Table): ObjectId[] {
  if (!t.partitionOf || !t.partitioning) return [];
  let top: Table = t;
  for (let depth = 0; top.partitionOf && depth < 64; depth++) {
    const parent = desired.tables.get(id.relation('table', top.partitionOf.schema, top.partitionOf.table));
    if (!parent) break;
    top = parent;
  }
  return [...partitionKeyColumns(t.partitioning.key)].flatMap((k) => [id.mark('retyped', ref.column(top.schema, top.name, k)), id.mark('converted', ref.column(top.schema, top.name, k))]);
}
