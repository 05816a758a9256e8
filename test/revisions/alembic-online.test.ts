/**
 * A revision fas plans for online changes on a table with rows (CREATE INDEX
 * CONCURRENTLY, NOT VALID + VALIDATE, USING INDEX, a NOT NULL through a
 * validated check, a changed index swapped in), exported with `fas export
 * alembic`, runs up and down under real Alembic + asyncpg: non-transactional
 * steps inside autocommit_block(), the end state equal to the desired one.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/command.js';
import { writeRevision } from '../../src/revisions/write.js';
import { writeAlembicScaffold } from '../../src/revisions/alembic-scaffold.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import { createDb, query, runSql, servers } from '../support/servers.js';

const run = promisify(execFile);
const ALEMBIC = '/usr/bin/alembic';
const haveAlembic = existsSync(ALEMBIC);

const A = `CREATE SCHEMA app;
CREATE TABLE app.p (id int PRIMARY KEY);
CREATE TABLE app.t (id int, p int, code varchar(20), n int);
CREATE INDEX t_n_idx ON app.t (n);`;
const B = `CREATE SCHEMA app;
CREATE TABLE app.p (id int PRIMARY KEY);
CREATE TABLE app.t (id int NOT NULL PRIMARY KEY, p int REFERENCES app.p (id), code text UNIQUE, n int CHECK (n >= 0));
CREATE INDEX t_n_idx ON app.t (n, code);
CREATE INDEX t_p_idx ON app.t (p);`;

(haveAlembic ? test : test.skip)('an online revision exported to Alembic runs up and down under asyncpg', async (t) => {
  const server = servers().find((s) => s.label === 'pg15')!;
  const db = await createDb(server, 'fas_alembic_online');
  const want = await createDb(server, 'fas_alembic_want');
  t.teardown(() => Promise.all([db.drop(), want.drop()]).then(() => undefined));
  await runSql(db.url, `${A}\nINSERT INTO app.p SELECT g FROM generate_series(1, 10) g;\nINSERT INTO app.t SELECT g, g % 10 + 1, 'c' || g, g FROM generate_series(1, 1000) g;`);
  await runSql(want.url, B);
  const before = await readDatabase(db.url);
  const desired = await readDatabase(want.url);
  const up = planChanges(before, desired).statements;
  const down = planChanges(desired, before).statements;
  t.true(up.some((s) => !s.transactional), 'the plan has non-transactional steps');
  t.true(up.some((s) => /VALIDATE CONSTRAINT/.test(s.sql)) && up.some((s) => /USING INDEX/.test(s.sql)));

  const dir = await mkdtemp(join(tmpdir(), 'fas-alembic-online-'));
  await writeRevision(join(dir, 'generated-migrations'), { id: 'c0ffee000001', parent: null, message: 'online changes', created: '2026-01-02T03:04:05.000Z', upgrade: up, downgrade: down });
  const url = `postgresql+asyncpg://${new URL(db.url).username}@${new URL(db.url).host}/${db.name}`;
  const versions = await writeAlembicScaffold(join(dir, 'alembic'), url);
  let out = '';
  const io: Io = { stdout: (s) => void (out += s), stderr: (s) => void (out += s), cwd: dir, env: {} };
  t.is(await main(['export', 'alembic', '--out', 'alembic/versions'], io), 0, out);
  const py = await readFile(join(versions, 'c0ffee000001_online_changes.py'), 'utf8');
  t.regex(py, /with op\.get_context\(\)\.autocommit_block\(\):\n\s+op\.execute\("CREATE (UNIQUE )?INDEX CONCURRENTLY/);

  const alembic = (...args: string[]) => run(ALEMBIC, ['-c', join(dir, 'alembic', 'alembic.ini'), ...args], { cwd: dir, env: { ...process.env, PYTHONWARNINGS: 'ignore' } });
  await alembic('upgrade', 'head');
  t.deepEqual(planChanges(await readDatabase(db.url), desired).statements.map((s) => s.sql), [], 'after upgrade head the database equals the desired schema');
  t.deepEqual(await query(db.url, 'SELECT indexrelid::regclass::text AS n FROM pg_index WHERE NOT indisvalid'), []);
  await alembic('downgrade', 'base');
  t.deepEqual(planChanges(await readDatabase(db.url), before).statements.map((s) => s.sql), [], 'after downgrade base the database is as before');
  t.deepEqual((await query<{ n: number }>(db.url, 'SELECT count(*)::int AS n FROM app.t'))[0]!.n, 1000);
});
