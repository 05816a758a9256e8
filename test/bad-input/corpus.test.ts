/**
 * Bad input, as a careless or hostile user gives it: schema files, revision
 * files, connection strings, redis.yaml and command-line arguments. Each case
 * must end with its coded error and exit 2, print no stack trace and never the
 * planted password, write nothing to the target, leave no scratch database and
 * no role behind, and (for COPY ... TO PROGRAM) run nothing on the server.
 */
import test from 'ava';
import { CASES } from './cases.js';
import { canaryWritten, run, scratchLeft, setUp, written, type Context } from './harness.js';

let ctx: Context & { tearDown(): Promise<void> };

test.before(async () => {
  ctx = await setUp();
  await run(CASES[0]!, ctx); // load the command modules and the parser once: timings measure the refusal
});
test.after.always(async () => {
  await ctx?.tearDown();
});

test('the corpus holds at least 60 cases across the five kinds of input', (t) => {
  t.true(CASES.length >= 60, `${CASES.length} cases`);
  t.deepEqual([...new Set(CASES.map((c) => c.kind))].sort(), ['args', 'connection', 'redis', 'revision', 'schema']);
  t.is(new Set(CASES.map((c) => `${c.kind}: ${c.name}`)).size, CASES.length, 'case names are unique');
});

for (const c of CASES) {
  test.serial(`${c.kind}: ${c.name} -> ${c.code}`, async (t) => {
    const r = await run(c, ctx);
    const out = r.stdout + r.stderr;
    t.is(r.exit, 2, out);
    t.true(r.stderr.includes(`[${c.code}]`), `expected [${c.code}] in: ${r.stderr}`);
    t.false(out.includes(ctx.password), `the planted password was printed: ${out}`);
    t.false(/internal error|\n\s+at .+:\d+:\d+\)?$/m.test(out), `a stack trace: ${out}`);
    t.false(r.entries.includes('generated-migrations') && c.kind !== 'revision', 'a revision was written');
    if (c.kind === 'schema') t.true(r.ms < 3000, `refused after ${r.ms} ms`);
    t.false(canaryWritten(ctx), 'COPY TO PROGRAM ran');
    // the location once, relative to the working directory
    t.false(r.stderr.includes(r.dir), `an absolute path: ${r.stderr}`);
    const at = /\] (\S+:\d+:\d+): /.exec(r.stderr)?.[1];
    if (at) t.is(r.stderr.split(at).length - 1, 1, `${at} printed more than once: ${r.stderr}`);
    t.log(`${r.ms} ms: ${r.stderr.trim().split('\n')[0]}`);
  });
}

test.serial('COPY TO PROGRAM, CREATE ROLE, DO and pg_sleep are refused within a second, before any server is contacted', async (t) => {
  const attacks = CASES.filter((c) => ['COPY TO PROGRAM', 'CREATE ROLE SUPERUSER', 'DO block', 'SELECT pg_sleep'].includes(c.name));
  t.is(attacks.length, 4);
  for (const c of attacks) {
    // the target is a port nobody listens on: refusing after connecting would say CONNECT
    const offline = { ...c, args: () => [...c.args(ctx), '--db', `postgresql://u:${ctx.password}@127.0.0.1:1/x`] };
    const r = await run(offline, ctx);
    t.is(r.exit, 2);
    t.regex(r.stderr, /\[FORBIDDEN_STATEMENT\] schema\/app\/x\.sql:2:1: /, c.name);
    t.true(r.ms < 1000, `${c.name}: refused after ${r.ms} ms`);
  }
  t.false(canaryWritten(ctx));
});

test.serial('afterwards: nothing written to the target, no scratch database, no role left', async (t) => {
  t.deepEqual(await written(ctx), []);
  t.deepEqual(await scratchLeft(ctx.role), []);
});
