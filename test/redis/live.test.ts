/**
 * Acceptance of `fas redis check` against real redis-server processes: the
 * right flags pass; each misconfiguration is a finding naming tier, setting,
 * expected and actual values; stopped tiers and auth problems are quick findings.
 */
import test from 'ava';
import { createServer, type AddressInfo } from 'node:net';
import { findingsIn, PASSWORDS, runFas, startFleet, type Fleet, type JsonReport, type Tier } from './support/fleet.js';
import { stopAll } from './support/redis-server.js';

test.after.always(stopAll);

async function withFleet<T>(extra: Parameters<typeof startFleet>[0], fn: (f: Fleet) => Promise<T>): Promise<T> {
  const fleet = await startFleet(extra);
  try {
    return await fn(fleet);
  } finally {
    await fleet.stop();
  }
}

/** Load the command's modules once, so that timings measure the check and not the first import. */
test.before(async () => {
  await runFas(['redis', 'check', '--static']);
});

async function checkJson(env: NodeJS.ProcessEnv) {
  const r = await runFas(['redis', 'check', '--format', 'json'], { env });
  return { ...r, report: JSON.parse(r.stdout || '{}') as JsonReport };
}

function assertNoPasswords(t: { false(v: boolean, m?: string): void }, text: string) {
  for (const pw of Object.values(PASSWORDS)) t.false(text.includes(pw), 'a password was printed');
}

test('three servers with the right flags pass with exit 0', async (t) => {
  await withFleet({}, async (fleet) => {
    const { code, report, stderr, stdout } = await checkJson(fleet.env());
    t.deepEqual(findingsIn(report), [], stdout + stderr);
    t.is(code, 0);
    t.true(report.ok);
    t.true(report.tiers.every((tier) => tier.checks.some((c) => c.stage === 'live')));
    const text = await runFas(['redis', 'check'], { env: fleet.env() });
    t.is(text.code, 0);
    t.regex(text.stdout, /all 3 tiers hold their contracts/);
    assertNoPasswords(t, text.stdout + text.stderr + stdout);
  });
});

const misconfigurations: { title: string; tier: Tier; flags: string[]; setting: string; expected: RegExp; actual: RegExp; fix: RegExp }[] = [
  { title: 'L2 with AOF on', tier: 'l2', flags: ['--appendonly', 'yes'], setting: 'appendonly', expected: /^no$/, actual: /^yes$/, fix: /^CONFIG SET appendonly no$/ },
  { title: 'checkpoint with appendonly no', tier: 'checkpoint', flags: ['--appendonly', 'no'], setting: 'appendonly', expected: /^yes$/, actual: /^no$/, fix: /^CONFIG SET appendonly yes$/ },
  { title: 'L1 with allkeys-lru', tier: 'l1', flags: ['--maxmemory-policy', 'allkeys-lru'], setting: 'maxmemory-policy', expected: /^noeviction$/, actual: /^allkeys-lru$/, fix: /^CONFIG SET maxmemory-policy noeviction$/ },
  { title: 'L2 without save points although RDB is required', tier: 'l2', flags: ['--save', ''], setting: 'save', expected: /3600 1 300 100/, actual: /no save points/, fix: /^CONFIG SET save "3600 1 300 100"$/ },
  { title: 'L1 without save points although hybrid needs RDB', tier: 'l1', flags: ['--save', ''], setting: 'save', expected: /3600 1 300 100 60 10000/, actual: /no save points/, fix: /^CONFIG SET save "3600 1 300 100 60 10000"$/ },
];

for (const m of misconfigurations) {
  test(`finding: ${m.title}`, async (t) => {
    await withFleet({ [m.tier]: m.flags }, async (fleet) => {
      const { code, report, stdout } = await checkJson(fleet.env());
      t.is(code, 1);
      const found = findingsIn(report);
      t.is(found.length, 1, JSON.stringify(found, null, 2));
      const f = found[0]!;
      t.is(f.tier, m.tier);
      t.is(f.stage, 'live');
      t.is(f.setting, m.setting);
      t.regex(f.expected, m.expected);
      t.regex(f.actual, m.actual);
      t.regex(f.fix?.[0] ?? '', m.fix);
      // the test servers run with flags only, as compose runs them: no CONFIG REWRITE, but where the setting lives
      t.false(f.fix?.includes('CONFIG REWRITE'));
      t.regex(f.fix?.[1] ?? '', new RegExp(`without a config file.*lost on restart.*--${m.setting} .*service redis-${m.tier} in docker-compose\\.yml`));
      const text = await runFas(['redis', 'check'], { env: fleet.env() });
      t.is(text.code, 1);
      t.regex(text.stdout, new RegExp(`\\[live\\] ${m.tier} ${m.setting}: expected .+, found .+`));
      assertNoPasswords(t, stdout + text.stdout + text.stderr);
    });
  });
}

test.serial('a stopped tier is reported in under 2 s while the other tiers are still checked', async (t) => {
  await withFleet({}, async (fleet) => {
    await fleet.servers.l2.stop();
    const { code, report, ms } = await checkJson(fleet.env());
    t.is(code, 1);
    t.true(ms < 2000, `took ${ms} ms`);
    const found = findingsIn(report);
    t.deepEqual(found.map((f) => `${f.tier} ${f.setting}`), ['l2 reachable']);
    t.regex(found[0]!.actual, /connection refused/);
    for (const tier of ['l1', 'checkpoint'] as const) {
      const live = report.tiers.find((x) => x.tier === tier)!.checks.filter((c) => c.stage === 'live');
      t.true(live.length > 5 && live.every((c) => c.status === 'ok'), tier);
    }
  });
});

test.serial('a server that accepts connections but never answers is a finding within 2 s, not a hang', async (t) => {
  const silent = createServer((socket) => socket.on('error', () => undefined));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as AddressInfo).port;
  try {
    await withFleet({}, async (fleet) => {
      const { code, report, ms } = await checkJson(fleet.env({ FAS_REDIS_CHECKPOINT_URL: `redis://:pw-not-shown@127.0.0.1:${port}` }));
      t.is(code, 1);
      t.true(ms < 2000, `took ${ms} ms`);
      const found = findingsIn(report);
      t.deepEqual(found.map((f) => `${f.tier} ${f.setting}`), ['checkpoint reachable']);
      t.regex(found[0]!.actual, /no answer within/);
      t.false(JSON.stringify(report).includes('pw-not-shown'));
      t.true(report.tiers.filter((x) => x.tier !== 'checkpoint').every((x) => x.ok));
    });
  } finally {
    silent.close();
  }
});

test.serial('a port answered by something that is not Redis is "not a Redis server", in fas\'s words', async (t) => {
  const http = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  try {
    await withFleet({}, async (fleet) => {
      const { code, report, stdout, stderr } = await checkJson(fleet.env({ FAS_REDIS_L2_URL: `redis://:pw-not-shown@127.0.0.1:${port}` }));
      t.is(code, 1);
      const found = findingsIn(report);
      t.deepEqual(found.map((f) => `${f.tier} ${f.setting}`), ['l2 reachable']);
      t.regex(found[0]!.actual, /^not a Redis server/);
      t.false(/RESP|Please report|pw-not-shown/.test(stdout + stderr), stdout + stderr);
    });
  } finally {
    http.close();
  }
});

test('a tier that requires a password fas was not given', async (t) => {
  await withFleet({}, async (fleet) => {
    const { code, report, stdout } = await checkJson(fleet.env({ REDIS_L1_PASSWORD: undefined }));
    t.is(code, 1);
    const found = findingsIn(report);
    t.deepEqual(found.map((f) => `${f.tier} ${f.setting}`), ['l1 auth']);
    t.regex(found[0]!.expected, /REDIS_L1_PASSWORD/);
    t.regex(found[0]!.actual, /requires a password.*not set/);
    assertNoPasswords(t, stdout);
  });
});

test('a wrong password is a clear finding and is never printed', async (t) => {
  await withFleet({}, async (fleet) => {
    const wrong = 'wrong-Pa55word-77';
    for (const env of [fleet.env({ REDIS_L2_PASSWORD: wrong }), fleet.env({ FAS_REDIS_L2_URL: `redis://:${wrong}@127.0.0.1:${fleet.servers.l2.port}` })]) {
      const { code, report, stdout, stderr } = await checkJson(env);
      t.is(code, 1);
      const found = findingsIn(report);
      t.deepEqual(found.map((f) => `${f.tier} ${f.setting}`), ['l2 auth']);
      t.regex(found[0]!.actual, /rejected.*WRONGPASS/);
      const text = await runFas(['redis', 'check'], { env });
      for (const out of [stdout, stderr, text.stdout, text.stderr]) {
        t.false(out.includes(wrong));
        assertNoPasswords(t, out);
      }
    }
  });
});

test('a tier without a password and with protected mode off on all interfaces is a security finding', async (t) => {
  const fleet = await startFleet({ l2: ['--requirepass', '', '--protected-mode', 'no', '--bind', '* -::*'] });
  try {
    const { code, report } = await checkJson(fleet.env());
    t.is(code, 1);
    t.deepEqual(findingsIn(report).map((f) => `${f.tier} ${f.setting}`).sort(), ['l2 protected-mode', 'l2 requirepass']);
  } finally {
    await fleet.stop();
  }
});

test('--static skips the live checks', async (t) => {
  const { code, stdout } = await runFas(['redis', 'check', '--static', '--format', 'json'], {
    env: { FAS_REDIS_L1_URL: 'redis://127.0.0.1:1', FAS_REDIS_L2_URL: 'redis://127.0.0.1:1', FAS_REDIS_CHECKPOINT_URL: 'redis://127.0.0.1:1' },
  });
  t.is(code, 0);
  const report = JSON.parse(stdout) as JsonReport;
  t.false(report.tiers.some((tier) => tier.checks.some((c) => c.stage === 'live')));
});
