/**
 * How big the tables of a database are: estimated rows (reltuples) and bytes
 * on disk, read from the catalog without scanning anything. The planner uses
 * them to tell an empty table (no heap pages: nothing to scan, nothing to lose)
 * from one that holds rows; hazards show them ("~1.0M rows, 227 MB").
 */
import type pg from 'pg';
import type { ObjectId } from '../catalog/model.js';
import { id } from '../catalog/identity.js';

export interface TableSize {
  /** Estimated rows (pg_class.reltuples, summed over partitions); null when never analyzed. */
  readonly rows: number | null;
  /** Bytes of the table with its TOAST data (pg_table_size, summed over partitions). */
  readonly bytes: number;
  /** Bytes of the main fork alone: 0 means the table holds no row at all. */
  readonly heapBytes: number;
  /** Read from the catalog's estimates (relpages, reltuples), which may be stale: good for showing, not for deciding. */
  readonly estimated?: true;
}

export type TableSizes = ReadonlyMap<ObjectId, TableSize>;

/**
 * Which relations to size: every ordinary and partitioned table and materialized view outside
 * the system schemas, or only the named ones (schema and name side by side; $1 and $2).
 */
const WHICH = {
  all: '',
  named: ' AND (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
};

/** One query for all the relations (or the named ones). */
const sizesSql = (which: string) => `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind,
       CASE WHEN c.relkind = 'p' THEN
         (SELECT CASE WHEN bool_and(l.reltuples < 0) THEN -1 ELSE sum(greatest(l.reltuples, 0)) END
            FROM pg_partition_tree(c.oid) p JOIN pg_class l ON l.oid = p.relid WHERE p.isleaf)
       ELSE c.reltuples END::float8 AS rows,
       CASE WHEN c.relkind = 'p' THEN
         (SELECT coalesce(sum(pg_table_size(p.relid)), 0) FROM pg_partition_tree(c.oid) p WHERE p.isleaf)
       ELSE pg_table_size(c.oid) END::float8 AS bytes,
       CASE WHEN c.relkind = 'p' THEN
         (SELECT coalesce(sum(pg_relation_size(p.relid)), 0) FROM pg_partition_tree(c.oid) p WHERE p.isleaf)
       ELSE pg_relation_size(c.oid) END::float8 AS heap_bytes
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'm')
   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'${which}`;

interface SizeRow {
  kind: string;
  schema: string;
  name: string;
  rows: number | null;
  bytes: number;
  heap_bytes: number;
}

/**
 * When another session holds a table in ACCESS EXCLUSIVE, the exact sizes (which
 * take ACCESS SHARE) are not waited for: the estimates the catalog keeps
 * (relpages, reltuples, no lock) are read instead, and a table with no
 * estimate at all (never vacuumed or analyzed) is left out: its size is unknown.
 */
const estimatesSql = (which: string) => `
SELECT n.nspname AS schema, c.relname AS name, c.relkind AS kind, c.reltuples::float8 AS rows,
       (c.relpages::float8 * current_setting('block_size')::float8) AS bytes,
       (c.relpages::float8 * current_setting('block_size')::float8) AS heap_bytes
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'm') AND (c.relpages > 0 OR c.reltuples >= 0)
   AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'${which}`;

/** How long a size read may wait for ACCESS SHARE on a relation another session holds exclusively. */
export const SIZES_LOCK_TIMEOUT_MS = 500;

/** A relation to size, by name (a table, a partitioned table or a materialized view). */
export interface NamedRelation {
  readonly schema: string;
  readonly name: string;
}

/**
 * The sizes of every table and materialized view, or of the `only` ones (those
 * the database does not hold are left out). One statement, under a lock_timeout
 * of SIZES_LOCK_TIMEOUT_MS (set on the session the first time, unless the
 * connection was opened with it: see SIZES_CONNECT_OPTIONS); when a relation is
 * held in ACCESS EXCLUSIVE by another session, the estimates of the same set
 * instead. Give it a connection of fas's own.
 */
export async function readTableSizes(client: pg.Client, only?: readonly NamedRelation[]): Promise<TableSizes> {
  if (only?.length === 0) return new Map();
  const which = only ? WHICH.named : WHICH.all;
  const params = only ? [only.map((r) => r.schema), only.map((r) => r.name)] : [];
  if (!limited.has(client)) {
    await client.query(`SET lock_timeout = ${SIZES_LOCK_TIMEOUT_MS}`);
    limited.add(client);
  }
  let r: pg.QueryResult<SizeRow>;
  let estimated: true | undefined;
  try {
    r = await client.query<SizeRow>(sizesSql(which), params);
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    r = await client.query<SizeRow>(estimatesSql(which), params);
    estimated = true;
  }
  const out = new Map<ObjectId, TableSize>();
  for (const x of r.rows) out.set(id.relation(x.kind === 'm' ? 'matview' : 'table', x.schema, x.name), { ...sizeOfRow(x), ...(estimated ? { estimated } : {}) });
  return out;
}

/** Sessions whose lock_timeout readTableSizes set (or that were opened with SIZES_CONNECT_OPTIONS). */
const limited = new WeakSet<pg.Client>();

/** Connection options for a session that reads sizes: the lock_timeout set at connection start. */
export const SIZES_CONNECT_OPTIONS = { applicationName: 'fas', lockTimeoutMs: SIZES_LOCK_TIMEOUT_MS } as const;

/** Marks a session opened with SIZES_CONNECT_OPTIONS: readTableSizes need not set its lock_timeout. */
export function sizesSession(client: pg.Client): pg.Client {
  limited.add(client);
  return client;
}

/** A size as the catalog queries give it: reltuples below 0 (never analyzed) is no row count. */
export function sizeOfRow(x: { readonly rows: number | null; readonly bytes: number; readonly heap_bytes: number }): TableSize {
  return { rows: x.rows === null || x.rows < 0 ? null : Math.round(x.rows), bytes: Number(x.bytes), heapBytes: Number(x.heap_bytes) };
}

/** "~1.0M rows, 227 MB" (rows left out when the table was never analyzed). */
export function describeSize(s: TableSize): string {
  const parts = s.rows === null ? [] : [`~${compact(s.rows)} rows`];
  parts.push(bytes(s.bytes));
  return parts.join(', ');
}

function compact(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

function bytes(n: number): string {
  const units = ['bytes', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} bytes` : `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}
