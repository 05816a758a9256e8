/**
 * Indexes of partitions that PostgreSQL makes by itself: creating a partition
 * of a table with partitioned indexes creates (and attaches) an index on the
 * partition for each of them. The plan must
 * not create those again (the names would collide); only their comments remain.
 */
import type { Index } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import { qualified } from '../sql/quote.js';
import type { PlanContext } from './context.js';
import type { PlannedStatement } from './statement.js';
import { commentStatements } from './kinds/common.js';
import { sameDefinition } from '../sql/expression-key.js';

/** Whether this partition index comes into being with its partition (its parent index already exists). */
export function createdImplicitly(o: Index, ctx: PlanContext): boolean {
  if (!o.parentIndex) return false;
  const tid = id.relation('table', o.schema, o.table);
  const want = ctx.desired.tables.get(tid);
  const have = ctx.current.tables.get(tid);
  if (!want?.partitionOf) return false;
  const remade = ctx.remade;
  const tableNew =
    !have ||
    !have.partitionOf ||
    have.partitionOf.schema !== want.partitionOf.schema ||
    have.partitionOf.table !== want.partitionOf.table ||
    remade?.has(tid) === true;
  // a partitioned index is printed (and created) ON ONLY its table: a new one does
  // not reach existing partitions, but an existing one reaches every new partition;
  // one on a table made again is new (a partition key's type changes, say)
  const pid = id.relation('index', o.schema, o.parentIndex);
  const parentBefore = ctx.current.indexes.get(pid);
  const parentAfter = ctx.desired.indexes.get(pid);
  const parentKept =
    !!parentBefore &&
    !!parentAfter &&
    sameDefinition('statement', parentBefore.definition, parentAfter.definition) &&
    remade?.has(id.relation('table', parentBefore.schema, parentBefore.table)) !== true;
  return tableNew && parentKept;
}

/** The statements left for an index PostgreSQL creates itself: its comment, after the partition and the parent index. */
export function implicitIndexStatements(o: Index): PlannedStatement[] {
  const iid = id.relation('index', o.schema, o.name);
  const after = [id.relation('table', o.schema, o.table), id.relation('index', o.schema, o.parentIndex!)];
  return commentStatements(`INDEX ${qualified(o.schema, o.name)}`, null, o.comment, iid, `create index ${o.schema}.${o.name}`).map((s) => ({
    ...s,
    needs: after,
  }));
}
