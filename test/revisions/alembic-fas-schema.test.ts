/**
 * The repository's own revisions through real Alembic on asyncpg: exported with
 * `fas export alembic`, `alembic upgrade head` on an empty database gives exactly
 * schema/ (fas diff prints nothing), `alembic current` and `fas current` agree,
 * and `alembic downgrade base` empties the database.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { writeAlembicScaffold } from '../../src/revisions/alembic-scaffold.js';
import { createDb, query, servers } from '../support/servers.js';

const run = promisify(execFile);
const ALEMBIC = '/usr/bin/alembic';
const ROOT = join(import.meta.dirname, '..', '..');
const FAS = join(ROOT, 'bin', 'fas.js');
const haveAlembic = existsSync(ALEMBIC);
if (!haveAlembic && process.env.CI) throw new Error(`${ALEMBIC} is missing: CI must install python3-alembic python3-asyncpg alembic`);

(haveAlembic ? test : test.skip)('generated-migrations under alembic + asyncpg reach schema/ and go back to empty', async (t) => {
  const server = servers().find((s) => s.label === 'pg15')!;
  const db = await createDb(server, 'fas_alembic_fas');
  t.teardown(db.drop);
  const dir = await mkdtemp(join(tmpdir(), 'fas-alembic-fas-'));
  const u = new URL(db.url);
  const versions = await writeAlembicScaffold(join(dir, 'alembic'), `postgresql+asyncpg://${u.username}@${u.host}/${db.name}`);
  const exp = await execa('node', [FAS, 'export', 'alembic', '--out', versions, '--dir', join(ROOT, 'generated-migrations')], { cwd: ROOT, reject: false });
  t.is(exp.exitCode, 0, exp.stderr);
  const alembic = (...args: string[]) => run(ALEMBIC, ['-c', join(dir, 'alembic', 'alembic.ini'), ...args], { cwd: dir, env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  await alembic('upgrade', 'head');

  const env = { ...process.env, DATABASE_URL: db.url, FAS_DEV_DATABASE_URL: server.adminUrl };
  const diff = await execa('node', [FAS, 'diff', '--to', 'schema', '--format', 'sql'], { cwd: ROOT, env, reject: false });
  t.is(diff.exitCode, 0, diff.stdout + diff.stderr);
  t.is(diff.stdout.trim(), '', 'fas diff against schema/ prints nothing after alembic upgrade head');
  const current = await alembic('current');
  t.regex(current.stdout, /^a125ac7b2db7 \(head\)/m);

  await alembic('downgrade', 'base');
  const left = await query(db.url, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND c.relname NOT LIKE 'alembic_version%'");
  t.deepEqual(left, []);

  // a planted multi-statement op.execute, as asyncpg would reject it
  const planted = join(versions, 'ffffffffffff_planted.py');
  await writeFile(planted, "revision = 'ffffffffffff'\ndown_revision = 'a125ac7b2db7'\n\ndef upgrade():\n    op.execute(\"CREATE TABLE a (x int); CREATE TABLE b (y int)\")\n");
  const lint = await execa('node', [FAS, 'lint', versions], { cwd: ROOT, reject: false });
  t.is(lint.exitCode, 1);
  t.regex(lint.stdout + lint.stderr, /ffffffffffff_planted\.py:5:\d+/);
});
