/**
 * Online DDL on tables that already exist: which tables count as existing,
 * and the timeouts of steps that scan a table without blocking its writers.
 */
import type { ObjectId } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import type { PlanContext } from './context.js';
import type { TableSizes } from '../introspect/table-sizes.js';

/**
 * When the online patterns are used for a table that exists and stays:
 * - always: every such table (the default for revisions, which run on databases whose sizes the plan cannot know);
 * - auto: every such table larger than a threshold in the database the plan is for; a smaller one gets
 *   plain DDL, which runs in one transaction and holds its lock for milliseconds (an empty one scans
 *   nothing at all, and CONCURRENTLY would only wait for every older transaction);
 * - never: plain DDL everywhere (the output must run inside one transaction).
 */
export type OnlineMode = 'always' | 'auto' | 'never';
export const ONLINE_MODES: readonly OnlineMode[] = ['always', 'auto', 'never'];

export interface OnlinePolicy {
  readonly mode: OnlineMode;
  /** Sizes of the tables in the database the plan is for (auto needs them: without them, auto means always). */
  readonly sizes?: TableSizes;
  /** auto: tables of at most this many bytes (pg_table_size) get plain DDL. */
  readonly plainUpToBytes?: number;
}

/** Default of --online-threshold: a table of 1 MB is indexed or validated in milliseconds. */
export const DEFAULT_PLAIN_UP_TO_BYTES = 1024 * 1024;

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
  if (ctx.online?.mode === 'never' || isKnownSmall(ctx, schema, table)) return false;
  const t = ctx.current.tables.get(id.relation('table', schema, table))!;
  return t.partitioning === null && ctx.desired.tables.get(id.relation('table', schema, table))!.partitioning === null;
}

/**
 * Whether the table is known to hold no row in the database the plan is for
 * (auto mode with sizes read from it: the main fork has no page).
 */
export function isKnownEmpty(ctx: PlanContext, schema: string, table: string): boolean {
  if (ctx.online?.mode !== 'auto' || !ctx.online.sizes) return false;
  const size = ctx.online.sizes.get(id.relation('table', schema, table));
  return size !== undefined && !size.estimated && size.heapBytes === 0;
}

/** Whether the table is known to be at most the auto threshold in the database the plan is for. */
export function isKnownSmall(ctx: PlanContext, schema: string, table: string): boolean {
  if (ctx.online?.mode !== 'auto' || !ctx.online.sizes) return false;
  const size = ctx.online.sizes.get(id.relation('table', schema, table));
  return size !== undefined && !size.estimated && size.bytes <= (ctx.online.plainUpToBytes ?? DEFAULT_PLAIN_UP_TO_BYTES);
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
