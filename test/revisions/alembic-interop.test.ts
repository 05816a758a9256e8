/**
 * Interop with real Alembic (Debian's /usr/bin/alembic, asyncpg) on PostgreSQL 15:
 * fas revisions exported with `fas export alembic` upgrade, report and downgrade.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/command.js';
import { writeRevision } from '../../src/revisions/write.js';
import { writeAlembicScaffold } from '../../src/revisions/alembic-scaffold.js';
import { createDb, query, servers } from '../support/servers.js';
import { rev, stmt } from './support.js';

const run = promisify(execFile);
const ALEMBIC = '/usr/bin/alembic';
const haveAlembic = existsSync(ALEMBIC);
if (!haveAlembic && process.env.CI) throw new Error(`${ALEMBIC} is missing: CI must install python3-alembic python3-asyncpg alembic`);
if (!haveAlembic) console.warn(`skipping the Alembic interop test: ${ALEMBIC} is not installed (apt-get install -y python3-alembic python3-asyncpg alembic)`);

async function fas(cwd: string, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), cwd, env: {} };
  return { code: await main(argv, io), out };
}

const R1 = '1a2b3c4d5e6f';
const R2 = 'a0b1c2d3e4f5';
const FN = `CREATE FUNCTION app.describe(a text) RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  r text := 'it''s; "quoted" \\ :name %';
BEGIN
  RAISE NOTICE 'describe: %; %', a, r;
  RETURN a || ';' || r || 1::text;
END
$fn$`;

(haveAlembic ? test : test.skip)('exported revisions run under alembic + asyncpg: upgrade head, current, downgrade base', async (t) => {
  const server = servers().find((s) => s.label === 'pg15')!;
  const db = await createDb(server, 'fas_alembic');
  t.teardown(db.drop);
  const dir = await mkdtemp(join(tmpdir(), 'fas-alembic-'));
  const gm = join(dir, 'generated-migrations');
  await writeRevision(
    gm,
    rev(R1, null, 'create app schema, table and function', [stmt('CREATE SCHEMA app'), stmt('CREATE TABLE app.t (id int PRIMARY KEY, note text)'), stmt(FN)], [
      stmt('DROP FUNCTION app.describe(text)'),
      stmt('DROP TABLE app.t', { hazards: [{ type: 'DELETES_DATA', message: 'drops table app.t and all its rows' }] }),
      stmt('DROP SCHEMA app'),
    ]),
  );
  await writeRevision(
    gm,
    rev(
      R2,
      R1,
      'add tag with index',
      [
        stmt(`ALTER TABLE app.t ADD COLUMN tag text DEFAULT 'a:b;c'`),
        stmt('CREATE INDEX CONCURRENTLY t_tag_idx ON app.t (tag)', { transactional: false, hazards: [{ type: 'IS_NOT_TRANSACTIONAL', message: 'CREATE INDEX CONCURRENTLY cannot run in a transaction' }] }),
      ],
      [stmt('DROP INDEX CONCURRENTLY app.t_tag_idx', { transactional: false }), stmt('ALTER TABLE app.t DROP COLUMN tag')],
    ),
  );
  t.is((await fas(dir, 'lint')).code, 0);

  const url = `postgresql+asyncpg://${new URL(db.url).username}@${new URL(db.url).host}/${db.name}`;
  const versions = await writeAlembicScaffold(join(dir, 'alembic'), url);
  const exp = await fas(dir, 'export', 'alembic', '--out', 'alembic/versions');
  t.is(exp.code, 0, exp.out);
  t.deepEqual((await readdir(versions)).sort(), [`${R1}_create_app_schema_table_and_function.py`, `${R2}_add_tag_with_index.py`]);
  t.is((await fas(dir, 'lint', 'alembic')).code, 0, 'the exported files lint clean');

  const alembic = (...args: string[]) => run(ALEMBIC, ['-c', join(dir, 'alembic', 'alembic.ini'), ...args], { cwd: dir, env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  await alembic('upgrade', 'head');
  const [fn] = await query<{ v: string }>(db.url, `SELECT app.describe('x') AS v`);
  t.is(fn!.v, `x;it's; "quoted" \\ :name %1`);
  const [idx] = await query<{ indisvalid: boolean }>(db.url, `SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = 't_tag_idx'`);
  t.true(idx?.indisvalid, 'CREATE INDEX CONCURRENTLY ran, outside a transaction');
  const [col] = await query<{ d: string }>(db.url, `SELECT pg_get_expr(adbin, adrelid) AS d FROM pg_attrdef WHERE adrelid = 'app.t'::regclass`);
  t.is(col!.d, `'a:b;c'::text`);
  const current = await alembic('current');
  t.regex(current.stdout, new RegExp(`^${R2} \\(head\\)`, 'm'));

  await alembic('downgrade', R1);
  t.deepEqual(await query(db.url, `SELECT 1 FROM pg_class WHERE relname = 't_tag_idx'`), []);
  await alembic('downgrade', 'base');
  const left = await query<{ name: string }>(
    db.url,
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  t.deepEqual(left.map((r) => r.name), ['public.alembic_version']);
  t.deepEqual(await query(db.url, `SELECT 1 FROM pg_namespace WHERE nspname = 'app'`), []);
  t.deepEqual(await query(db.url, 'SELECT * FROM public.alembic_version'), []);
});

const PSQL = '/usr/bin/psql';
(existsSync(PSQL) ? test : test.skip)('psql runs the upgrade section of a revision file as it is', async (t) => {
  const server = servers().find((s) => s.label === 'pg15')!;
  const db = await createDb(server, 'fas_psql');
  t.teardown(db.drop);
  const dir = await mkdtemp(join(tmpdir(), 'fas-psql-'));
  const p1 = await writeRevision(dir, rev(R1, null, 'one', [stmt('CREATE SCHEMA app'), stmt('CREATE TABLE app.t (id int PRIMARY KEY, note text) -- trailing comment'), stmt(FN)]));
  const p2 = await writeRevision(dir, rev(R2, R1, 'two', [stmt('CREATE INDEX CONCURRENTLY t_note_idx ON app.t (note)', { transactional: false })]));
  for (const p of [p1, p2]) {
    const text = await readFile(p, 'utf8');
    const upgrade = text.slice(0, text.indexOf('\n-- downgrade\n'));
    const f = join(dir, 'upgrade.sql');
    await writeFile(f, upgrade);
    await run(PSQL, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', f], { timeout: 60_000 });
  }
  const [fn] = await query<{ v: string }>(db.url, `SELECT app.describe('y') AS v`);
  t.is(fn!.v, `y;it's; "quoted" \\ :name %1`);
  t.is((await query(db.url, `SELECT 1 FROM pg_class WHERE relname = 't_note_idx'`)).length, 1);
});
