/**
 * Ctrl-C during `fas plan`: exit 130 (SIGTERM: 143), "interrupted" and no
 * error blaming a file, and no scratch database left once fas has exited.
 * Also: both libpq forms of a connection string work as --db.
 */
import test from 'ava';
import { execa } from 'execa';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAS } from '../apply/helpers.js';
import { scratchLeft, setUp, type Context } from './harness.js';

let ctx: Context & { tearDown(): Promise<void> };
test.before(async () => {
  ctx = await setUp();
});
test.after.always(async () => {
  await ctx?.tearDown();
});

async function project(tables: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-signal-'));
  await mkdir(join(dir, 'schema', 'app'), { recursive: true });
  const sql = Array.from({ length: tables }, (_, i) => `CREATE TABLE app.t${i} (id int PRIMARY KEY, a text, b int);`).join('\n');
  await writeFile(join(dir, 'schema', 'app', 't.sql'), sql + '\n');
  return dir;
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  test.serial(`${signal} during fas plan exits ${code} and leaves no scratch database`, async (t) => {
    const dir = await project(400);
    const child = execa('node', [FAS, 'plan', '-m', 'x', '--db', ctx.url], { cwd: dir, reject: false, env: { FAS_DEV_DATABASE_URL: '' } });
    const deadline = Date.now() + 60_000;
    while ((await scratchLeft(ctx.role)).length === 0) {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill('SIGKILL');
        const r = await child;
        return t.fail(`no scratch database appeared (exit ${r.exitCode}): ${r.stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill(signal);
    const r = await child;
    t.is(r.exitCode, code, r.stderr);
    t.regex(r.stderr, /fas: interrupted/);
    t.notRegex(r.stderr, /error|t\.sql/);
    t.false(r.stdout.includes(ctx.password) || r.stderr.includes(ctx.password));
    t.deepEqual(await scratchLeft(ctx.role), [], 'a scratch database outlived fas');
  });
}

test.serial('both libpq forms work as --db: a socket URI and key=value pairs', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fas-conninfo-'));
  const forms = [`postgresql://${ctx.role}:${ctx.password}@/${ctx.database}?host=/var/run/postgresql`, `host=${ctx.host} port=${ctx.port} dbname=${ctx.database} user=${ctx.role} password=${ctx.password}`];
  for (const db of forms) {
    const r = await execa('node', [FAS, 'current', '--db', db], { cwd: dir, reject: false });
    t.is(r.exitCode, 0, r.stderr);
    t.false(r.stdout.includes(ctx.password) || r.stderr.includes(ctx.password));
  }
});
