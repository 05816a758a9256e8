/**
 * Online DDL on tables that already exist: which tables count as existing,
 * and the timeouts of steps that scan a table without blocking its writers.
 */
import type { ObjectId } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import type { PlanContext } from './context.js';

/**
 * statement_timeout of steps that scan a whole table while writers go on
 * (CREATE INDEX CONCURRENTLY, VALIDATE CONSTRAINT): they may take hours on a
 * large table and hold no lock that blocks writes.
 */
export const LONG_STATEMENT_TIMEOUT_MS = 6 * 3_600_000;

/**
 * lock_timeout of those steps: they take SHARE UPDATE EXCLUSIVE, which no
 * writer waits behind, and CONCURRENTLY also waits for older transactions.
 */
export const LONG_LOCK_TIMEOUT_MS = 60_000;

/** Whether a table already exists in the target and stays (not created, dropped or made again by this plan). */
export function isExistingTable(ctx: PlanContext, schema: string, table: string): boolean {
  const tid: ObjectId = id.relation('table', schema, table);
  if (!ctx.current.tables.has(tid) || !ctx.desired.tables.has(tid)) return false;
  return !ctx.remade?.has(tid);
}

/** Whether online patterns apply: an existing, stay-put, non-partitioned table (CONCURRENTLY does not exist for partitioned tables). */
export function isOnlineTable(ctx: PlanContext, schema: string, table: string): boolean {
  if (!isExistingTable(ctx, schema, table)) return false;
  const t = ctx.current.tables.get(id.relation('table', schema, table))!;
  return t.partitioning === null && ctx.desired.tables.get(id.relation('table', schema, table))!.partitioning === null;
}

/**
 * A name for an index built beside another one until it replaces it:
 * the old name with a suffix, shortened to 63 bytes when needed.
 */
export function swapName(name: string): string {
  const suffix = '_fas_swap';
  let base = name;
  while (Buffer.byteLength(base + suffix, 'utf8') > 63) base = base.slice(0, -1);
  return base + suffix;
}
