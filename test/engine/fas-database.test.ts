/**
 * The FAS database itself: generated-migrations/ on an empty database creates
 * the 8 schemas, every table, the materialized view and its unique index; the
 * result matches schema/; the view refreshes CONCURRENTLY; downgrade base empties it.
 */
import test from 'ava';
import { createDb, query, servers } from '../support/servers.js';
import { FAS_TABLES as TABLES, ROOT, fasOn } from '../support/fas-repo.js';

const SCHEMAS = ['access_tracking', 'document_registry', 'financial_data', 'market_data', 'metadata', 'outcomes', 'public', 'workflow'];

for (const server of servers())
  test(`${server.label}: generated-migrations builds the FAS database, matches schema/, and downgrades to empty`, async (t) => {
    const db = await createDb(server, 'fas_fasdb');
    const fas = fasOn(ROOT, db.url, server);
    try {
      const apply = await fas('apply');
      t.is(apply.exitCode, 0, apply.stderr);
      const schemas = await query<{ nspname: string }>(db.url, "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'fas') ORDER BY 1");
      t.deepEqual(schemas.map((r) => r.nspname), SCHEMAS);
      const tables = await query<{ t: string }>(db.url, "SELECT n.nspname || '.' || c.relname AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname IN ('workflow', 'access_tracking', 'outcomes', 'public') AND c.relname <> 'alembic_version' ORDER BY 1");
      t.deepEqual(tables.map((r) => r.t), TABLES);
      const unique = await query(db.url, "SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid WHERE c.oid = 'access_tracking.file_access_weekly'::regclass AND i.indisunique AND i.indpred IS NULL");
      t.true(unique.length >= 1);
      await query(db.url, 'REFRESH MATERIALIZED VIEW CONCURRENTLY access_tracking.file_access_weekly');
      const diff = await fas('diff', '--to', 'schema');
      t.is(diff.exitCode, 0, diff.stdout + diff.stderr);
      const down = await fas('downgrade', 'base', '--allow-hazards', 'all');
      t.is(down.exitCode, 0, down.stderr);
      const left = await query(db.url, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'fas') AND c.relname NOT LIKE 'alembic_version%'");
      t.deepEqual(left, []);
    } finally {
      await db.drop();
    }
  });
