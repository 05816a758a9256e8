/**
 * The project's embedded PostgreSQL 18 within reach, and shared safely:
 * two commands at once both succeed on one server; `fas db start` prints a URL
 * psql connects to, later commands use that server, `fas db stop` leaves nothing.
 */
import test from 'ava';
import { execa } from 'execa';
import { chmod, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { processAlive } from '../../src/scratch/file-lock.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const env = { ...process.env, DATABASE_URL: '', FAS_DEV_DATABASE_URL: '' };

const alive = processAlive;

async function postmasterPid(dir: string): Promise<number | null> {
  try {
    return Number((await readFile(join(dir, '.fas', 'pg18', 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return null;
  }
}

let project = '';
test.before(async () => {
  project = await mkdtemp(join(tmpdir(), 'fas-embedded-'));
  await chmod(project, 0o755); // the server runs as the postgres user when the tests run as root
  await mkdir(join(project, 'schema', 'app'), { recursive: true });
  await writeFile(join(project, 'schema', 'app', 't.sql'), 'CREATE TABLE app.t (id int PRIMARY KEY, name text);\n');
});

test.serial('two fas plan at once on the embedded server both succeed, and nothing is left running', async (t) => {
  const run = () => execa('node', [FAS, 'plan', '--dry-run', '--format', 'json'], { cwd: project, env, reject: false });
  const [a, b] = await Promise.all([run(), run()]);
  t.is(a.exitCode, 0, a.stderr);
  t.is(b.exitCode, 0, b.stderr);
  t.regex(a.stdout, /"revision"/);
  t.is(await postmasterPid(project), null, 'the server stopped after the last command');
  t.false(existsSync(join(project, '.fas', 'server.json')));
  t.deepEqual((await readdir(join(project, '.fas'))).sort(), ['pg18'], 'no lock or state file left');
});

test.serial('fas db start: psql connects to its URL, fas commands use it, fas db stop leaves nothing running', async (t) => {
  const start = await execa('node', [FAS, 'db', 'start'], { cwd: project, env, reject: false });
  t.is(start.exitCode, 0, start.stderr);
  const url = start.stdout.trim();
  t.regex(url, /^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/fundamental_analysis$/);
  const pid = (await postmasterPid(project))!;
  t.true(alive(pid), 'the server outlives fas db start');
  t.is((await execa('node', [FAS, 'db', 'url'], { cwd: project, env })).stdout.trim(), url);

  const psql = await execa('psql', [url, '-XAtc', 'CREATE TABLE public.seeded (x int); SELECT current_database()'], { reject: false });
  if (psql.exitCode === null || (psql as { code?: string }).code === 'ENOENT') t.log('psql is not installed: seeding with the pg client instead');
  else t.is(psql.stdout.trim().split('\n').at(-1), 'fundamental_analysis', psql.stderr);
  if (psql.exitCode !== 0) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query('CREATE TABLE IF NOT EXISTS public.seeded (x int)');
    await c.end();
  }

  const printed = await execa('node', [FAS, 'psql', '--print'], { cwd: project, env, reject: false });
  t.is(printed.stdout.trim(), `psql ${url}`);
  const viaFas = await execa('node', [FAS, 'psql', '--', '-XAtc', 'SELECT count(*) FROM public.seeded'], { cwd: project, env, reject: false });
  if (psql.exitCode === 0) t.is(viaFas.stdout.trim(), '0', viaFas.stderr);
  else t.regex(viaFas.stdout, /^psql /, 'without psql, the command to run');

  // fas uses the running server: the table seeded through the URL shows in its diff, and the server is the same
  const diff = await execa('node', [FAS, 'diff', '--format', 'json'], { cwd: project, env, reject: false });
  t.is(diff.exitCode, 1, diff.stderr);
  t.regex(diff.stdout, /public\.seeded/);
  t.notRegex(diff.stderr, /initialising/);
  const plan = await execa('node', [FAS, 'plan', '-m', 'first'], { cwd: project, env, reject: false });
  t.is(plan.exitCode, 0, plan.stderr);
  t.is(await postmasterPid(project), pid, 'the same server, still running after the commands');
  t.true(alive(pid));

  const stop = await execa('node', [FAS, 'db', 'stop'], { cwd: project, env, reject: false });
  t.is(stop.exitCode, 0, stop.stderr);
  t.false(alive(pid), 'the postmaster is gone');
  t.is(await postmasterPid(project), null);
  const after = await execa('node', [FAS, 'db', 'url'], { cwd: project, env, reject: false });
  t.is(after.exitCode, 1);
  t.regex(after.stderr, /not running; start it with `fas db start`/);
});

test.serial('fas psql and fas rehash use the embedded server they start and leave it when they end', async (t) => {
  t.is(await postmasterPid(project), null, 'no server running before');
  const viaFas = await execa('node', [FAS, 'psql', '--', '-XAtc', 'SELECT 40 + 2'], { cwd: project, env, reject: false });
  if ((await execa('psql', ['--version'], { reject: false })).exitCode === 0) t.is(viaFas.stdout.trim(), '42', viaFas.stderr);
  else t.regex(viaFas.stdout, /^psql postgresql:/, 'without psql, the command to run');
  t.is(await postmasterPid(project), null, 'psql: the server it started is stopped');

  const failed = await execa('node', [FAS, 'psql', '--', '-XAtv', 'ON_ERROR_STOP=1', '-c', 'SELECT no_such_column'], { cwd: project, env, reject: false });
  t.not(failed.exitCode, 0, failed.stdout);
  t.is(await postmasterPid(project), null, 'psql failed: the server is stopped too');

  const [file] = (await readdir(join(project, 'generated-migrations'))).filter((f) => f.endsWith('.sql'));
  const rev = file!.split('_')[0]!;
  const rehash = await execa('node', [FAS, 'rehash', rev], { cwd: project, env, reject: false });
  t.is(rehash.exitCode, 0, rehash.stderr);
  t.regex(rehash.stdout, /already sealed/);
  t.notRegex(rehash.stderr, /no target configured/, 'rehash checked the embedded server');
  t.is(await postmasterPid(project), null, 'rehash: the server it started is stopped');
});

test.serial('a start failure says why', async (t) => {
  const broken = await mkdtemp(join(tmpdir(), 'fas-embedded-bad-'));
  await chmod(broken, 0o755);
  await mkdir(join(broken, '.fas', 'pg18'), { recursive: true });
  await writeFile(join(broken, '.fas', 'pg18', 'PG_VERSION'), '18\n'); // looks initialised, is not
  const r = await execa('node', [FAS, 'db', 'start'], { cwd: broken, env, reject: false });
  t.is(r.exitCode, 2);
  t.regex(r.stderr, /\[CONNECT\] cannot start the embedded PostgreSQL 18 in .*pg18.*: pg_ctl exited with \d+: .{10,}/s);
  t.notRegex(r.stderr, /undefined/);
  t.false(existsSync(join(broken, '.fas', 'server.lock')), 'the lock is released');
});

test.serial("a flow's servers are left when its scope ends, also on error; an inner scope leaves only its own handle", async (t) => {
  const { withServers } = await import('../../src/engine/environment.js');
  const e = { cwd: project, env: {}, log: () => undefined };
  const boom = withServers(e, async (outer) => {
    const url = await outer.target();
    t.not(await postmasterPid(project), null);
    // a scratch server in an inner scope: the same embedded server, joined and left by that scope only
    await withServers(e, async (inner) => t.is(new URL(await inner.scratch({ allowNear: false })).port, new URL(url).port));
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    t.is((await c.query('SELECT 1 AS one')).rows[0].one, 1, 'the outer scope still holds the server');
    await c.end();
    throw new Error('boom');
  });
  await t.throwsAsync(boom, { message: 'boom' });
  t.is(await postmasterPid(project), null, 'the server stopped when the failing scope ended');
});
