/**
 * fas diff --prod with production and dev on DIFFERENT servers (the machine's
 * PostgreSQL 15 and the embedded 18, both ways). Production is reached only as
 * a role that cannot create or write anything (NOSUPERUSER NOCREATEDB, no TEMP
 * or CREATE privilege, default_transaction_read_only, reads through
 * pg_read_all_data): a tool that created a scratch database, a temporary table
 * or any object there, or wrote a row, would fail. A fingerprint of
 * production's catalog rows and bookkeeping rows (with their xmin and ctid, so
 * an UPDATE in place shows too) must be the same before and after. Across
 * major versions the report's one finding is the materialized view's text,
 * which 15 and 18 print differently (fas warns; same-major normalization
 * without --dev-url is drift-major.test.ts).
 */
import test from 'ava';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createDb, query, runSql, servers, urlFor, type TestServer } from '../support/servers.js';
import { fas, makeProject } from './helpers.js';

const pg15 = servers().find((s) => s.label === 'pg15');
const pg18 = servers().find((s) => s.label === 'pg18');

/** Rows (with xmin and ctid) of the catalogs an object change writes, and of fas's bookkeeping tables. */
const FINGERPRINT = `
SELECT md5(string_agg(x, ',' ORDER BY x)) AS fp, count(*)::int AS n FROM (
  SELECT 'c' || oid || ':' || relname || ':' || xmin || ':' || ctid AS x FROM pg_class
  UNION ALL SELECT 'n' || oid || ':' || xmin || ':' || ctid FROM pg_namespace
  UNION ALL SELECT 't' || oid || ':' || xmin || ':' || ctid FROM pg_type
  UNION ALL SELECT 'p' || oid || ':' || xmin || ':' || ctid FROM pg_proc
  UNION ALL SELECT 'a' || attrelid || '.' || attnum || ':' || xmin || ':' || ctid FROM pg_attribute
  UNION ALL SELECT 'd' || objoid || '.' || objsubid || ':' || xmin || ':' || ctid FROM pg_description
  UNION ALL SELECT 'h' || id || ':' || xmin || ':' || ctid FROM fas.revision_history
  UNION ALL SELECT 's' || step || ':' || xmin || ':' || ctid FROM fas.revision_steps
  UNION ALL SELECT 'v' || version_num || ':' || xmin || ':' || ctid FROM public.alembic_version
  UNION ALL SELECT 'i' || id || ':' || xmin || ':' || ctid FROM app.items
) f`;

async function fingerprint(url: string): Promise<{ fp: string; n: number }> {
  const [r] = await query<{ fp: string; n: number }>(url, FINGERPRINT);
  return r!;
}

/** A login role on the production server that can read everything and change nothing. */
async function readOnlyRole(t: { teardown(fn: () => Promise<void>): void }, server: TestServer, db: string): Promise<{ role: string; url: string }> {
  const role = `fas_prod_ro_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await runSql(server.adminUrl, `CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
  t.teardown(() => runSql(server.adminUrl, `DROP ROLE IF EXISTS ${role}`));
  await runSql(server.adminUrl, `ALTER ROLE ${role} SET default_transaction_read_only = on; GRANT pg_read_all_data TO ${role}`);
  await runSql(server.adminUrl, `REVOKE TEMPORARY, CREATE ON DATABASE ${db} FROM PUBLIC; GRANT CONNECT ON DATABASE ${db} TO ${role}`);
  const u = new URL(urlFor(server, db));
  u.username = role;
  u.password = password;
  return { role, url: u.toString() };
}

interface DriftDoc {
  production: { serverVersion: number };
  drift: { changes: { op: string; name: string; details?: { path: string }[] }[] };
  revisions: { current: string | null; upToDate: boolean };
}

/** Statements run one by one in one session; the first error is thrown. */
async function runEach(url: string, sqls: readonly string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const sql of sqls) await c.query(sql);
  } finally {
    await c.end();
  }
}

function crossServer(prod: TestServer, dev: TestServer, prodMajor: number, devMajor: number): void {
  test(`production on PostgreSQL ${prodMajor}, dev on PostgreSQL ${devMajor} (another server): schema/ is normalized on dev, nothing is created or written on production`, async (t) => {
    t.timeout(300_000);
    const p = await makeProject(t);
    const db = await createDb(prod, 'fas_prod');
    // the role's teardown is registered first: ava runs teardowns last-in first-out, so the database is dropped before the role
    const { role, url } = await readOnlyRole(t, prod, db.name);
    t.teardown(db.drop);
    const apply = await fas(['apply', '--db', db.url, '--dir', join(p.dir, 'generated-migrations')], { cwd: p.dir });
    t.is(apply.exitCode, 0, apply.stderr);

    // the role really cannot write or create: these are the operations the test relies on being impossible
    for (const probe of [
      ['CREATE TEMP TABLE probe (x int)'],
      ['SET default_transaction_read_only = off', 'CREATE TEMP TABLE probe (x int)'],
      ['SET default_transaction_read_only = off', 'CREATE TABLE public.probe (x int)'],
      ['SET default_transaction_read_only = off', 'UPDATE public.alembic_version SET version_num = version_num'],
      ['SET default_transaction_read_only = off', `CREATE DATABASE ${role}_probe`],
    ]) {
      await t.throwsAsync(runEach(url, probe), { message: /permission denied|read-only transaction/ }, probe.join('; '));
    }

    const before = await fingerprint(db.url);
    const r = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: { FAS_PROD_DATABASE_URL: url, FAS_DEV_DATABASE_URL: dev.adminUrl } });
    // across major versions the only finding is the view text each major prints differently (the warning says so)
    t.is(r.exitCode, 1, r.stderr + r.stdout);
    const doc = JSON.parse(r.stdout) as DriftDoc;
    t.is(Math.floor(doc.production.serverVersion / 10000), prodMajor);
    t.deepEqual(
      doc.drift.changes.map((c) => [c.op, c.name, (c.details ?? []).map((d) => d.path)]),
      [['alter', 'materialized view app.item_names', ['definition']]],
      r.stdout,
    );
    t.is(doc.revisions.current, p.revisions[1].id);
    t.true(doc.revisions.upToDate);
    t.regex(r.stderr, new RegExp(`warning: scratch server .* runs PostgreSQL ${devMajor} but .* runs PostgreSQL ${prodMajor}`));
    t.deepEqual(await fingerprint(db.url), before, 'production catalog and bookkeeping rows unchanged');
    t.deepEqual(await query(prod.adminUrl, 'SELECT datname FROM pg_database WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = $1)', [role]), [], 'no database owned by the production role');
  });
}

if (pg15 && pg18) {
  crossServer(pg15, pg18, 15, 18);
  crossServer(pg18, pg15, 18, 15);
} else test.skip('production and dev on different servers: skipped, FAS_TEST_PG18_URL is not set (npm test and run-tests start the embedded 18)', () => undefined);
