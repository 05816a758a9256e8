/**
 * Sizes of the relations a sized hazard can touch: tables (readTableSizes,
 * partitions summed) and materialized views, whose index builds scan them as
 * well. One catalog query more, no scan. Keys: table:s.t and matview:s.v.
 */
import type pg from 'pg';
import { id } from '../catalog/ids.js';
import { readTableSizes, type TableSize, type TableSizes } from '../introspect/table-sizes.js';

const MATVIEW_SIZES_SQL = `
SELECT n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS rows,
       pg_table_size(c.oid)::float8 AS bytes, pg_relation_size(c.oid)::float8 AS heap_bytes
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'm' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'`;

export async function readRelationSizes(client: pg.Client): Promise<TableSizes> {
  const out = new Map<string, TableSize>(await readTableSizes(client));
  const r = await client.query<{ schema: string; name: string; rows: number; bytes: number; heap_bytes: number }>(MATVIEW_SIZES_SQL);
  for (const x of r.rows) {
    out.set(id.relation('matview', x.schema, x.name), { rows: x.rows < 0 ? null : Math.round(x.rows), bytes: Number(x.bytes), heapBytes: Number(x.heap_bytes) });
  }
  return out;
}
