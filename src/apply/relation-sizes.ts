/**
 * Sizes of the relations sized hazards touch, read for those relations only:
 * tables (partitions summed) and materialized views, whose index builds scan
 * them as well. pg_table_size takes ACCESS SHARE on the relation, so each is
 * read under a short lock_timeout: a relation another session holds in
 * ACCESS EXCLUSIVE is reported as locked (its size unknown) instead of
 * stalling fas behind that session. Keys: table:s.t and matview:s.v.
 */
import type pg from 'pg';
import { id } from '../catalog/ref.js';
import type { ObjectId } from '../catalog/model.js';
import { SIZES_LOCK_TIMEOUT_MS, sizeOfRow, type TableSize, type TableSizes } from '../introspect/table-sizes.js';
import { sizedHazardTables } from '../plan/hazard-sizes.js';
import type { Statement } from '../plan/statement.js';
import { withClient } from '../util/db.js';

export interface RelationSizes {
  readonly sizes: TableSizes;
  /** Relations whose size a lock held by another session kept fas from reading. */
  readonly locked: ReadonlySet<ObjectId>;
}


const FIND_SQL = `
SELECT c.oid::int8 AS oid, n.nspname AS schema, c.relname AS name, c.relkind AS kind
  FROM unnest($1::text[], $2::text[]) AS w(s, r)
  JOIN pg_catalog.pg_namespace n ON n.nspname = w.s
  JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = w.r
 WHERE c.relkind IN ('r', 'p', 'm')`;

const SIZE_SQL = {
  one: `SELECT pg_catalog.pg_table_size(c.oid)::float8 AS bytes, pg_catalog.pg_relation_size(c.oid)::float8 AS heap_bytes, c.reltuples::float8 AS rows
          FROM pg_catalog.pg_class c WHERE c.oid = $1::int8::oid`,
  partitioned: `SELECT coalesce(sum(pg_catalog.pg_table_size(p.relid)), 0)::float8 AS bytes, coalesce(sum(pg_catalog.pg_relation_size(p.relid)), 0)::float8 AS heap_bytes,
                       CASE WHEN bool_and(l.reltuples < 0) THEN -1 ELSE sum(greatest(l.reltuples, 0)) END::float8 AS rows
                  FROM pg_catalog.pg_partition_tree($1::int8::oid::regclass) p JOIN pg_catalog.pg_class l ON l.oid = p.relid WHERE p.isleaf`,
};

interface Found {
  oid: string;
  schema: string;
  name: string;
  kind: 'r' | 'p' | 'm';
}

/** The sizes of the named relations that exist; `client` is a session of fas's own (its lock_timeout is set). */
export async function readSizesOf(client: pg.Client, relations: readonly { readonly schema: string; readonly table: string }[]): Promise<RelationSizes> {
  const sizes = new Map<ObjectId, TableSize>();
  const locked = new Set<ObjectId>();
  if (relations.length === 0) return { sizes, locked };
  const found = await client.query<Found>(FIND_SQL, [relations.map((r) => r.schema), relations.map((r) => r.table)]);
  await client.query(`SET lock_timeout = ${SIZES_LOCK_TIMEOUT_MS}`);
  for (const f of found.rows) {
    const key = id.relation(f.kind === 'm' ? 'matview' : 'table', f.schema, f.name);
    try {
      const r = await client.query<{ bytes: number; heap_bytes: number; rows: number | null }>(f.kind === 'p' ? SIZE_SQL.partitioned : SIZE_SQL.one, [f.oid]);
      const x = r.rows[0];
      if (!x || x.bytes === null) continue; // dropped meanwhile
      sizes.set(key, sizeOfRow(x));
    } catch (e) {
      if ((e as { code?: string }).code === '55P03') locked.add(key);
      else if ((e as { code?: string }).code !== '42P01') throw e;
    }
  }
  return { sizes, locked };
}

/**
 * fas plan: the sizes, read from `url`, of the tables the sized hazards of `statements` touch, those
 * tables only (one connection for the upgrade and the downgrade together); nothing is read when none.
 */
export async function hazardTableSizes(url: string, statements: readonly Statement[]): Promise<TableSizes> {
  const tables = await sizedHazardTables(statements);
  if (tables.length === 0) return new Map();
  return (await withClient(url, { applicationName: 'fas' }, (c) => readSizesOf(c, tables))).sizes;
}
