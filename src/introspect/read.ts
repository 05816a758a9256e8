/**
 * Reads a live database into a Catalog: a fixed set of catalog queries, in one
 * REPEATABLE READ READ ONLY transaction, with search_path emptied so that every
 * name PostgreSQL prints is schema-qualified.
 *
 * The queries go to the server as one simple-protocol message: one round trip,
 * and the server runs each query while the client decodes the rows of the one
 * before. When that fails, they run again one by one to name the failing query.
 */
import type pg from 'pg';
import type { Catalog } from '../catalog/model.js';
import { FasError } from '../util/errors.js';
import { loadQueries, QUERY_NAMES } from './queries.js';
import type { Row } from './rows.js';

export interface IntrospectOptions {
  /** Called once per query sent (for the test that counts queries). */
  readonly onQuery?: (name: string) => void;
}

const PROLOGUE = ['BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', "SET LOCAL search_path = ''", 'SET LOCAL jit = off', "SELECT current_setting('server_version_num') AS v"];

export async function introspect(client: pg.Client, opts: IntrospectOptions = {}): Promise<Catalog> {
  const r = await introspectRows(client, opts);
  // the builders load when a catalog is first built, not before the first query is sent
  const { buildCatalog } = await import('./build-catalog.js');
  return buildCatalog(r.rows, r.serverVersion);
}

/** The rows of the catalog queries, not yet built into a Catalog (buildCatalog). */
export interface CatalogRows {
  readonly rows: Record<string, Row[]>;
  readonly serverVersion: number;
}

/**
 * The rows only: a caller reading two databases at once builds both catalogs once both are in,
 * so that building one does not keep the client from draining the other's socket (which stalls
 * that server mid-query).
 */
export async function introspectRows(client: pg.Client, opts: IntrospectOptions = {}): Promise<CatalogRows> {
  const queries = loadQueries();
  for (const name of QUERY_NAMES) opts.onQuery?.(name);
  let results: pg.QueryResult[];
  try {
    // a query file may end in a comment: each is closed on a line of its own
    const batch = [...PROLOGUE, ...QUERY_NAMES.map((name) => queries[name])].join('\n;\n');
    results = (await client.query(batch)) as unknown as pg.QueryResult[];
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    return await oneByOne(client);
  }
  await client.query('ROLLBACK').catch(() => undefined);
  const rows: Record<string, Row[]> = {};
  QUERY_NAMES.forEach((name, i) => (rows[name.replace('-', '_')] = results[PROLOGUE.length + i]!.rows));
  return { rows, serverVersion: Number(results[PROLOGUE.length - 1]!.rows[0].v) };
}

/** The queries one at a time, to tell which one fails (or read anyway when the batch failed for a passing reason). */
async function oneByOne(client: pg.Client): Promise<CatalogRows> {
  const queries = loadQueries();
  const rows: Record<string, Row[]> = {};
  let version = 0;
  await client.query(PROLOGUE[0]!);
  try {
    for (const sql of PROLOGUE.slice(1, -1)) await client.query(sql);
    version = Number((await client.query<{ v: string }>(PROLOGUE[PROLOGUE.length - 1]!)).rows[0]!.v);
    for (const name of QUERY_NAMES) {
      try {
        rows[name.replace('-', '_')] = (await client.query(queries[name])).rows;
      } catch (e) {
        throw new FasError('INTERNAL', `introspection query ${name}.sql failed: ${(e as Error).message}`, { cause: e });
      }
    }
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
  return { rows, serverVersion: version };
}
