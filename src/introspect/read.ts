/**
 * Reads a live database into a Catalog: a fixed set of catalog queries, in one
 * REPEATABLE READ READ ONLY transaction, with search_path emptied so that every
 * name PostgreSQL prints is schema-qualified.
 */
import type pg from 'pg';
import type { Catalog } from '../catalog/model.js';
import { FasError } from '../util/errors.js';
import { buildCatalog } from './build-catalog.js';
import { loadQueries, QUERY_NAMES } from './queries.js';
import type { Row } from './rows.js';

export interface IntrospectOptions {
  /** Called once per query sent (for the test that counts queries). */
  readonly onQuery?: (name: string) => void;
}

export async function introspect(client: pg.Client, opts: IntrospectOptions = {}): Promise<Catalog> {
  const queries = loadQueries();
  const rows: Record<string, Row[]> = {};
  let version = 0;
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    await client.query("SET LOCAL search_path = ''");
    await client.query('SET LOCAL jit = off');
    const v = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    version = Number(v.rows[0]!.v);
    for (const name of QUERY_NAMES) {
      opts.onQuery?.(name);
      try {
        rows[name.replace('-', '_')] = (await client.query(queries[name])).rows;
      } catch (e) {
        throw new FasError('INTERNAL', `introspection query ${name}.sql failed: ${(e as Error).message}`, { cause: e });
      }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return buildCatalog(rows, version);
}
