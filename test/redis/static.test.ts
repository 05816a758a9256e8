/**
 * Static checks (redis.yaml) and the compose cross-check: the repository's own
 * files pass, each compose mismatch is caught, bad input gives clear errors.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsIn, ROOT, runFas, type JsonReport } from './support/fleet.js';

const REDIS_YAML = readFileSync(join(ROOT, 'redis.yaml'), 'utf8');
const COMPOSE = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const dirs: string[] = [];
test.after.always(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`fixture edit did not apply: ${String(from)}`);
  return out;
}

/** Run `fas redis check --static` in a temp dir holding the given files. */
async function staticCheck(files: { redis?: string; compose?: string }, format: 'json' | 'text' = 'json') {
  const dir = await mkdtemp(join(tmpdir(), 'fas-redis-static-'));
  dirs.push(dir);
  if (files.redis !== undefined) await writeFile(join(dir, 'redis.yaml'), files.redis);
  if (files.compose !== undefined) await writeFile(join(dir, 'docker-compose.yml'), files.compose);
  const r = await runFas(['redis', 'check', '--static', '--format', format], { cwd: dir });
  return { ...r, report: format === 'json' && r.stdout ? (JSON.parse(r.stdout) as JsonReport) : undefined };
}

test("the repository's redis.yaml and docker-compose.yml pass the static check", async (t) => {
  const r = await runFas(['redis', 'check', '--static']);
  t.is(r.code, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /all 3 tiers hold their contracts/);
  const json = await runFas(['redis', 'check', '--static', '--format', 'json', '--config', 'redis.yaml', '--compose', 'docker-compose.yml']);
  t.is(json.code, 0);
  const report = JSON.parse(json.stdout) as JsonReport;
  t.true(report.ok);
  t.deepEqual(report.tiers.map((x) => x.tier), ['l1', 'l2', 'checkpoint']);
});

const composeMismatches = [
  {
    title: 'a wrong port',
    edit: (c: string) => replaceOnce(c, '"6380:6380"', '"6390:6380"'),
    tier: 'l2',
    setting: 'port',
    expected: /6380:6380/,
    actual: /6390:6380/,
  },
  {
    title: 'a container port that is not the one the server listens on',
    edit: (c: string) => replaceOnce(c, '"6381:6381"', '"6381:6379"'),
    tier: 'checkpoint',
    setting: 'port',
    expected: /6381:6381/,
    actual: /6381:6379/,
  },
  {
    title: 'a missing preamble flag',
    edit: (c: string) => replaceOnce(c, /(REDIS_CHECKPOINT_PASSWORD\}\n[\s\S]*?)      - --aof-use-rdb-preamble\n      - "yes"\n/, '$1'),
    tier: 'checkpoint',
    setting: 'aof-use-rdb-preamble',
    expected: /--aof-use-rdb-preamble yes/,
    actual: /no --aof-use-rdb-preamble flag/,
  },
  {
    title: 'a wrong image',
    edit: (c: string) => replaceOnce(c, /(redis-l1:\n    image: )redis:7/, '$1redis:6.2'),
    tier: 'l1',
    setting: 'image',
    expected: /^redis:7$/,
    actual: /^redis:6\.2$/,
  },
  {
    title: 'AOF turned on for the RDB-only cache',
    edit: (c: string) => replaceOnce(c, /(REDIS_L2_PASSWORD\}\n      - --appendonly\n      - )"no"/, '$1"yes"'),
    tier: 'l2',
    setting: 'appendonly',
    expected: /--appendonly no/,
    actual: /--appendonly yes/,
  },
  {
    title: 'a bind mount instead of a named volume on /data',
    edit: (c: string) => replaceOnce(c, 'redis_l1_data:/data', './data/l1:/data'),
    tier: 'l1',
    setting: 'volume',
    expected: /named volume/,
    actual: /not a named volume/,
  },
  {
    title: 'a literal password instead of the auth variable',
    edit: (c: string) => replaceOnce(c, '- ${REDIS_L2_PASSWORD:?set REDIS_L2_PASSWORD}', '- hunter2-literal'),
    tier: 'l2',
    setting: 'requirepass',
    expected: /REDIS_L2_PASSWORD/,
    actual: /literal password \(not shown\)/,
  },
] as const;

for (const m of composeMismatches) {
  test(`compose mismatch is caught: ${m.title}`, async (t) => {
    const { code, report, stdout } = await staticCheck({ redis: REDIS_YAML, compose: m.edit(COMPOSE) });
    t.is(code, 1);
    const found = findingsIn(report!);
    t.is(found.length, 1, JSON.stringify(found, null, 2));
    const f = found[0]!;
    t.is(f.tier, m.tier);
    t.is(f.stage, 'compose');
    t.is(f.setting, m.setting);
    t.regex(f.expected, m.expected);
    t.regex(f.actual, m.actual);
    t.true((f.fix ?? []).length > 0);
    t.regex(f.location ?? '', /^docker-compose\.yml:\d+:\d+$/);
    t.false(stdout.includes('hunter2-literal'));
  });
}

test('a compose file without the service of a tier', async (t) => {
  const compose = replaceOnce(COMPOSE, 'redis-checkpoint:\n', 'redis-checkpoints:\n');
  const { code, report } = await staticCheck({ redis: REDIS_YAML, compose });
  t.is(code, 1);
  t.deepEqual(findingsIn(report!).map((f) => `${f.tier} ${f.setting} ${f.actual}`), ['checkpoint service missing']);
});

const configFindings = [
  { title: 'a durable tier with persistence none', edit: (y: string) => replaceOnce(y, /(checkpoint:[\s\S]*?persistence: )hybrid/, '$1none'), expect: ['checkpoint persistence', 'checkpoint save'] },
  { title: 'a durable tier with an evicting policy', edit: (y: string) => replaceOnce(y, /(l1:[\s\S]*?maxmemory-policy: )noeviction/, '$1allkeys-lru'), expect: ['l1 maxmemory-policy'] },
  { title: 'a cache that does not evict', edit: (y: string) => replaceOnce(y, 'maxmemory-policy: allkeys-lru', 'maxmemory-policy: noeviction'), expect: ['l2 maxmemory-policy'] },
  { title: 'checkpoints with appendfsync no', edit: (y: string) => replaceOnce(y, /(checkpoint:[\s\S]*?appendfsync: )everysec/, '$1no'), expect: ['checkpoint appendfsync'] },
  { title: 'an RDB tier without save points', edit: (y: string) => replaceOnce(y, 'save: ["3600 1", "300 100"]\n', 'save: []\n'), expect: ['l2 save'] },
  { title: 'duplicate ports', edit: (y: string) => replaceOnce(y, 'port: 6381', 'port: 6380'), expect: ['checkpoint port'] },
  { title: 'a tier without auth', edit: (y: string) => replaceOnce(y, '    auth: REDIS_L2_PASSWORD\n', ''), expect: ['l2 auth'] },
] as const;

for (const m of configFindings) {
  test(`redis.yaml finding: ${m.title}`, async (t) => {
    const { code, report } = await staticCheck({ redis: m.edit(REDIS_YAML), compose: COMPOSE });
    t.is(code, 1);
    const found = findingsIn(report!).filter((f) => f.stage === 'config');
    t.deepEqual(found.map((f) => `${f.tier} ${f.setting}`), [...m.expect]);
    t.regex(found[0]!.location ?? '', /^redis\.yaml:\d+:\d+$/);
  });
}

test('an unknown key in redis.yaml is an error with file:line:col', async (t) => {
  const redis = replaceOnce(REDIS_YAML, '    maxmemory-policy: allkeys-lru\n', '    maxmemory-policy: allkeys-lru\n    maxmemory_policy: allkeys-lru\n');
  const line = redis.split('\n').findIndex((l) => l.includes('maxmemory_policy')) + 1;
  const { code, stderr, stdout } = await staticCheck({ redis, compose: COMPOSE });
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, new RegExp(`\\[YAML\\] redis\\.yaml:${line}:5: invalid redis config: unknown key "maxmemory_policy" in tiers\\.l2`));
});

test('invalid values in redis.yaml are all reported with locations', async (t) => {
  let redis = replaceOnce(REDIS_YAML, 'persistence: rdb', 'persistence: snapshots');
  redis = replaceOnce(redis, 'port: 6379', 'port: "six"');
  const { code, stderr } = await staticCheck({ redis, compose: COMPOSE });
  t.is(code, 2);
  t.regex(stderr, /redis\.yaml:\d+:\d+: .*tiers\.l1\.port must be integer/);
  t.regex(stderr, /redis\.yaml:\d+:\d+: .*tiers\.l2\.persistence must be one of hybrid, rdb, aof, none/);
});

test('malformed redis.yaml is a clear error with exit 2', async (t) => {
  const { code, stderr } = await staticCheck({ redis: 'version: 1\ntiers:\n  l1: {port: 6379\n', compose: COMPOSE });
  t.is(code, 2);
  t.regex(stderr, /fas: error \[YAML\] redis\.yaml:\d+:\d+: malformed redis config/);
});

test('a missing compose file is a clear error with exit 2', async (t) => {
  const { code, stderr, stdout } = await staticCheck({ redis: REDIS_YAML });
  t.is(code, 2);
  t.is(stdout, '');
  t.regex(stderr, /fas: error \[CONFIG\] docker-compose\.yml: cannot read compose file docker-compose\.yml: file not found/);
});

test('a missing redis.yaml is a clear error with exit 2', async (t) => {
  const { code, stderr } = await staticCheck({ compose: COMPOSE });
  t.is(code, 2);
  t.regex(stderr, /cannot read redis config redis\.yaml: file not found/);
});

test('bad command lines are errors with exit 2', async (t) => {
  t.is((await runFas(['redis', 'check', '--format', 'xml'])).code, 2);
  t.is((await runFas(['redis', 'check', '--nope'])).code, 2);
  t.is((await runFas(['redis', 'status'])).code, 2);
  t.is((await runFas(['redis', 'check', '--help'])).code, 0);
});

test('a malformed override URL is an error and its password is masked', async (t) => {
  const r = await runFas(['redis', 'check'], { env: { FAS_REDIS_L1_URL: 'http://:topsecret@host:1' } });
  t.is(r.code, 2);
  t.regex(r.stderr, /FAS_REDIS_L1_URL must be a redis:\/\/ or rediss:\/\/ URL/);
  t.false(r.stderr.includes('topsecret'));
});

test('auth must name an environment variable; a value that looks like a password is refused and not echoed', async (t) => {
  const redis = replaceOnce(REDIS_YAML, 'auth: REDIS_L2_PASSWORD', 'auth: "hunter2!"');
  const { code, stderr } = await staticCheck({ redis, compose: COMPOSE });
  t.is(code, 2);
  t.regex(stderr, /redis\.yaml:\d+:\d+: invalid redis config: tiers\.l2\.auth must be the name of an environment variable/);
  t.false(stderr.includes('hunter2'));
});
