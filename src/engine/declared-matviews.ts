/**
 * Materialized views are loaded WITH NO DATA into scratch databases (their
 * query must not run there). What the schema files declare is remembered per
 * scratch database, with the view's oid: any later read of that database
 * (verification re-reads it) reports the declared value for the views the
 * loader made, and the real one for views a replayed plan created anew.
 */
import type pg from 'pg';
import type { Catalog, MaterializedView } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import type { SourceStatement } from '../load/types.js';

interface Declared {
  readonly oid: number;
  readonly withData: boolean;
}

const byDatabase = new Map<string, Map<string, Declared>>();

async function oids(client: pg.Client): Promise<Map<string, number>> {
  const r = await client.query<{ oid: number; schema: string; name: string }>(
    "SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'm'",
  );
  return new Map(r.rows.map((row) => [id.relation('matview', row.schema, row.name), row.oid]));
}

/** After loading: remember what the files declared for the views just created. */
export async function rememberDeclaredMatviews(url: string, client: pg.Client, statements: readonly SourceStatement[]): Promise<void> {
  const declared = statements.flatMap((s) => (s.matview ? [s.matview] : []));
  if (declared.length === 0) return;
  const now = await oids(client);
  const map = new Map<string, Declared>();
  for (const m of declared) {
    const key = id.relation('matview', m.schema, m.name);
    const oid = now.get(key);
    if (oid !== undefined) map.set(key, { oid, withData: m.withData });
  }
  byDatabase.set(url, map);
}

/** Whether a read of this database must apply declared materialized views (a scratch database loaded here). */
export function hasDeclaredMatviews(url: string): boolean {
  return (byDatabase.get(url)?.size ?? 0) > 0;
}

export function forgetDeclaredMatviews(url: string): void {
  byDatabase.delete(url);
}

/** The catalog of a database as its schema files declare it (declared WITH [NO] DATA). */
export async function withDeclaredMatviews(url: string, client: pg.Client, catalog: Catalog): Promise<Catalog> {
  const declared = byDatabase.get(url);
  if (!declared || declared.size === 0) return catalog;
  const now = await oids(client);
  let changed = false;
  const matviews = new Map<string, MaterializedView>();
  for (const [key, mv] of catalog.matviews) {
    const d = declared.get(key);
    if (d && now.get(key) === d.oid && mv.withData !== d.withData) {
      matviews.set(key, Object.freeze({ ...mv, withData: d.withData }));
      changed = true;
    } else matviews.set(key, mv);
  }
  return changed ? Object.freeze({ ...catalog, matviews }) : catalog;
}
