/**
 * Adoption: a FAS database built by real Alembic + asyncpg from `fas export
 * alembic` at a125ac7b2db7 is adopted with `fas stamp` (refused while its
 * schema differs, with the differences listed), after which `fas plan` and
 * `fas apply` of a change work and `alembic current` agrees with `fas current`.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { execa } from 'execa';
import { writeAlembicScaffold } from '../../src/revisions/alembic-scaffold.js';
import { createDb, query, runSql, servers } from '../support/servers.js';
import { FAS, ROOT, alembicVersion } from './helpers.js';

const run = promisify(execFile);
const ALEMBIC = '/usr/bin/alembic';
const haveAlembic = existsSync(ALEMBIC);
if (!haveAlembic && process.env.CI) throw new Error(`${ALEMBIC} is missing: CI must install python3-alembic python3-asyncpg alembic`);
const REV = 'a125ac7b2db7';

const PROBE = `table: workflow.stamp_probe
comment: A table added after adoption.
columns:
  - name: id
    type: integer
    nullable: false
  - name: note
    type: text
`;

for (const server of servers()) {
  const t0 = haveAlembic ? test : test.skip;
  t0(`${server.label}: an Alembic-built FAS database is adopted with fas stamp, then planned and applied; alembic current agrees`, async (t) => {
    const db = await createDb(server, 'fas_stamp');
    t.teardown(db.drop);
    const project = await mkdtemp(join(tmpdir(), 'fas-stamp-'));
    t.teardown(() => rm(project, { recursive: true, force: true }));
    await cp(join(ROOT, 'generated-migrations'), join(project, 'generated-migrations'), { recursive: true });
    await cp(join(ROOT, 'schema'), join(project, 'schema'), { recursive: true });
    const u = new URL(db.url);
    const versions = await writeAlembicScaffold(join(project, 'alembic'), `postgresql+asyncpg://${u.username}${u.password ? `:${u.password}` : ''}@${u.host}/${db.name}`);
    const env = { ...process.env, DATABASE_URL: db.url, FAS_DEV_DATABASE_URL: server.adminUrl };
    const fas = (...args: string[]) => execa('node', [FAS, ...args], { cwd: project, env, reject: false });
    const exportAlembic = async () => t.is((await fas('export', 'alembic', '--out', versions)).exitCode, 0);
    const alembic = (...args: string[]) => run(ALEMBIC, ['-c', join(project, 'alembic', 'alembic.ini'), ...args], { cwd: project, env: { ...process.env, PYTHONWARNINGS: 'ignore' } });

    await exportAlembic();
    await alembic('upgrade', 'head');

    const before = await fas('current');
    t.is(before.exitCode, 1, 'alembic_version without fas history is a problem');
    t.true(before.stdout.includes(`fas stamp ${REV}`), before.stdout);
    const early = await fas('plan', '--dry-run');
    t.is(early.exitCode, 1, `plan refuses before adoption: ${early.stderr}`);

    // drift: the stamp is refused and lists the differences; nothing is recorded
    await runSql(db.url, 'ALTER TABLE workflow.agent_checkpoints ADD COLUMN hand_made text; CREATE TABLE public.stray (id int)');
    const refused = await fas('stamp', REV);
    t.is(refused.exitCode, 1, refused.stderr);
    t.regex(refused.stderr, /\[DRIFT\] the database does not match the state of revision a125ac7b2db7 \(2 difference/);
    t.regex(refused.stderr, /different in the database: table workflow\.agent_checkpoints/);
    t.regex(refused.stderr, /only in the database: table public\.stray/);
    t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'fas'"), [], 'a refused stamp records nothing');
    await runSql(db.url, 'ALTER TABLE workflow.agent_checkpoints DROP COLUMN hand_made; DROP TABLE public.stray');

    const stamp = await fas('stamp', REV);
    t.is(stamp.exitCode, 0, stamp.stderr);
    t.regex(stamp.stdout, /stamped a125ac7b2db7 \(1 revision\(s\) recorded as applied; its schema matches/);
    t.deepEqual(await alembicVersion(db.url), [REV]);
    t.deepEqual(await query(db.url, 'SELECT revision, how FROM fas.revision_history'), [{ revision: REV, how: 'stamp' }]);
    const cur = await fas('current');
    t.is(cur.exitCode, 0, cur.stdout + cur.stderr);
    t.regex(cur.stdout, new RegExp(`^${REV} \\(head\\)\\n`));
    t.regex((await alembic('current')).stdout, new RegExp(`^${REV} \\(head\\)`, 'm'));
    t.is((await fas('stamp', REV)).exitCode, 1, 'a second stamp is refused: fas has history now');

    await writeFile(join(project, 'schema', 'workflow', 'stamp_probe.yaml'), PROBE);
    const plan = await fas('plan', '-m', 'stamp probe', '--rev-id', 'b0b0b0b0b0b0');
    t.is(plan.exitCode, 0, plan.stdout + plan.stderr);
    const apply = await fas('apply');
    t.is(apply.exitCode, 0, apply.stderr);
    t.deepEqual(await query(db.url, "SELECT to_regclass('workflow.stamp_probe')::text AS r"), [{ r: 'workflow.stamp_probe' }]);
    const cur2 = await fas('current');
    t.is(cur2.exitCode, 0, cur2.stdout);
    t.regex(cur2.stdout, /^b0b0b0b0b0b0 \(head\)\n/);
    await exportAlembic();
    t.regex((await alembic('current')).stdout, /^b0b0b0b0b0b0 \(head\)/m);
  });
}

test('stamp refuses a database whose schema differs, even without Alembic (hand-built), and --force records it', async (t) => {
  const server = servers()[0]!;
  const db = await createDb(server, 'fas_stamp_hand');
  t.teardown(db.drop);
  const project = await mkdtemp(join(tmpdir(), 'fas-stamp-hand-'));
  t.teardown(() => rm(project, { recursive: true, force: true }));
  const env = { ...process.env, DATABASE_URL: db.url, FAS_DEV_DATABASE_URL: server.adminUrl };
  const fas = (...args: string[]) => execa('node', [FAS, ...args, '--dir', join(ROOT, 'generated-migrations')], { cwd: project, env, reject: false });
  await runSql(db.url, 'CREATE SCHEMA workflow; CREATE TABLE workflow.something (id int)');
  const r = await fas('stamp', REV);
  t.is(r.exitCode, 1, r.stderr);
  t.regex(r.stderr, /missing from the database: schema access_tracking/);
  t.regex(r.stderr, /only in the database: table workflow\.something/);
  t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'fas'"), []);
  const forced = await fas('stamp', REV, '--force');
  t.is(forced.exitCode, 0, forced.stderr);
  t.regex(forced.stdout, /not checked \(--force\)/);
  t.deepEqual(await alembicVersion(db.url), [REV]);
});
