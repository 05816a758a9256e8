/**
 * Sizes in hazards, on PostgreSQL 15: app.big holds 200k rows (more than 8 MB),
 * app.small ten. A revision rewrites both (int -> bigint) and builds an index
 * concurrently on both. apply reads the sizes when it starts: the rewrite of
 * app.big is refused (it names the table and its size), nothing runs; the
 * small table's rewrite and both index builds are within their limits.
 * --size-limit and FAS_SIZE_LIMITS move the limits; bad values are CONFIG
 * errors. fas diff and fas plan show the sizes in text, JSON and revision files;
 * over a fleet each target is judged by its own sizes.
 */
import test from 'ava';
import { execa } from 'execa';
import pg from 'pg';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hazard } from '../../src/plan/hazards.js';
import { createDb, query, runSql, servers } from '../support/servers.js';
import { FAS, ROOT, alembicVersion, rev, revId, stmt, tempDir, writeRevisions } from './helpers.js';

const server = servers()[0]!;

const TABLES = `CREATE SCHEMA app;
CREATE TABLE app.big (id integer PRIMARY KEY, n integer NOT NULL, pad text NOT NULL);
CREATE TABLE app.small (id integer PRIMARY KEY, n integer NOT NULL, pad text NOT NULL);
INSERT INTO app.big SELECT g, g % 1000, repeat('x', 20) FROM generate_series(1, 200000) g;
INSERT INTO app.small SELECT g, g, 'x' FROM generate_series(1, 10) g;
ANALYZE app.big; ANALYZE app.small;`;

function run(args: string[], db: string, dir: string, env: Record<string, string> = {}) {
  return execa('node', [FAS, ...args, '--db', db, '--dir', dir], { reject: false, cwd: ROOT, env: { ...process.env, DATABASE_URL: '', FAS_SIZE_LIMITS: undefined, ...env } });
}

async function tableWithRows(t: { teardown(fn: () => Promise<void>): void }) {
  const db = await createDb(server, 'fas_size_gate');
  t.teardown(db.drop);
  await runSql(db.url, TABLES);
  return db;
}

const typeOf = async (url: string, table: string) =>
  (await query<{ t: string }>(url, `SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = '${table}'::regclass AND attname = 'n'`))[0]!.t;

/** The revision: both tables rewritten, both indexed concurrently; declared hazards as the planner writes them. */
function widenAndIndex(id: string) {
  const up = ['big', 'small'].flatMap((name) => [
    stmt(`ALTER TABLE app.${name} ALTER COLUMN n TYPE bigint`, { hazards: [hazard.rewritesTable(`app.${name}`, 'column n changes type')] }),
    stmt(`CREATE INDEX CONCURRENTLY ${name}_n ON app.${name} (n)`, { transactional: false, hazards: [hazard.indexBuildOnline(`app.${name}_n`), hazard.notTransactional('CREATE INDEX CONCURRENTLY')] }),
  ]);
  const down = ['big', 'small'].flatMap((name) => [
    stmt(`DROP INDEX CONCURRENTLY app.${name}_n`, { transactional: false, hazards: [hazard.notTransactional('DROP INDEX CONCURRENTLY')] }),
    stmt(`ALTER TABLE app.${name} ALTER COLUMN n TYPE integer`, { hazards: [hazard.rewritesTable(`app.${name}`, 'column n changes type')] }),
  ]);
  return rev(id, null, 'Widen n and index it', up, down);
}

test('apply refuses the rewrite of the large table, names it with its size, runs nothing; --size-limit lets it run', async (t) => {
  const db = await tableWithRows(t);
  const dir = await tempDir(t);
  const id = revId();
  await writeRevisions(dir, [widenAndIndex(id)]);

  const refused = await run(['apply'], db.url, dir);
  t.is(refused.exitCode, 1, refused.stderr);
  t.regex(refused.stderr, /refusing to run 1 hazardous statement\(s\); nothing was run\. Allow them with --allow-hazards REWRITES_TABLE \(or raise the size limit: --size-limit REWRITES_TABLE=SIZE\)/);
  t.regex(refused.stderr, /REWRITES_TABLE: revision \w+ upgrade step 1 .*\[app\.big: ~\d+(\.\d)?k rows, 1\d MB at apply start, larger than the REWRITES_TABLE limit of 8\.0 MB\]/);
  t.notRegex(refused.stderr, /app\.small|INDEX_BUILD/, 'the small table and the index builds are within their limits');
  t.deepEqual(await alembicVersion(db.url).catch(() => []), []);
  t.is(await typeOf(db.url, 'app.big'), 'integer');
  t.is(await typeOf(db.url, 'app.small'), 'integer', 'the revision is refused as a whole');

  const dry = await run(['apply', '--dry-run'], db.url, dir);
  t.is(dry.exitCode, 0, dry.stderr);
  t.regex(dry.stdout, /-- size gate: REWRITES_TABLE in revision \w+ upgrade step 1 .*app\.big: ~.* rows, 1\d MB at apply start, larger than the REWRITES_TABLE limit of 8\.0 MB: refused without --allow-hazards REWRITES_TABLE/);
  t.regex(dry.stdout, /-- size gate: INDEX_BUILD in revision \w+ upgrade step 2 .*app\.big: .* within the INDEX_BUILD limit of 1\.0 GB: passes/);
  t.regex(dry.stdout, /-- size gate: REWRITES_TABLE in revision \w+ upgrade step 3 .*app\.small: ~10 rows, .* within the REWRITES_TABLE limit of 8\.0 MB: passes/);
  t.regex(dry.stdout, /-- size gate: INDEX_BUILD in revision \w+ upgrade step 4 .*app\.small: .*: passes/);

  // a session holding ACCESS EXCLUSIVE on app.small: fas does not wait behind it to read the size (500 ms), it counts the table as larger than the limit
  const holder = new pg.Client({ connectionString: db.url });
  await holder.connect();
  await holder.query('BEGIN');
  await holder.query('LOCK TABLE app.small IN ACCESS EXCLUSIVE MODE');
  const started = Date.now();
  const lockedDry = await run(['apply', '--dry-run'], db.url, dir);
  await holder.query('ROLLBACK');
  await holder.end();
  t.is(lockedDry.exitCode, 0, lockedDry.stderr);
  t.true(Date.now() - started < 15_000, `${Date.now() - started} ms`);
  t.regex(lockedDry.stdout, /-- size gate: REWRITES_TABLE in revision \w+ upgrade step 3 .*app\.small: another session held a lock that kept fas from reading its size: counts as larger than the REWRITES_TABLE limit of 8\.0 MB: refused/);

  // a smaller limit for index builds (environment), a rewrite limit of 0 (flag): everything on a table with rows is refused
  const strict = await run(['apply', '--size-limit', 'REWRITES_TABLE=0'], db.url, dir, { FAS_SIZE_LIMITS: 'INDEX_BUILD=1MB' });
  t.is(strict.exitCode, 1, strict.stderr);
  t.regex(strict.stderr, /refusing to run 3 hazardous statement\(s\)/);
  t.regex(strict.stderr, /REWRITES_TABLE: revision \w+ upgrade step 3 .*app\.small: ~10 rows, .* larger than the REWRITES_TABLE limit of 0 bytes/);
  t.regex(strict.stderr, /INDEX_BUILD: revision \w+ upgrade step 2 .*larger than the INDEX_BUILD limit of 1\.0 MB/);
  t.notRegex(strict.stderr, /step 4/, 'the small table is within 1 MB');

  for (const [args, env, message] of [
    [['--size-limit', 'REWRITES_TABLE=lots'], {}, /--size-limit REWRITES_TABLE: "lots" is not a size/],
    [['--size-limit', 'DELETES_DATA=1MB'], {}, /--size-limit: DELETES_DATA has no size limit/],
    [['--size-limit', 'REWRITES_TABLE'], {}, /expected TYPE=SIZE/],
    [[], { FAS_SIZE_LIMITS: 'INDEX_BUILD=1XB' }, /FAS_SIZE_LIMITS INDEX_BUILD: "1XB" is not a size/],
  ] as const) {
    const bad = await run(['apply', ...args], db.url, dir, env);
    t.is(bad.exitCode, 2, bad.stderr);
    t.regex(bad.stderr, /\[CONFIG\]/);
    t.regex(bad.stderr, message);
  }
  t.is(await typeOf(db.url, 'app.big'), 'integer');

  const ok = await run(['apply', '--size-limit', 'REWRITES_TABLE=1GB'], db.url, dir);
  t.is(ok.exitCode, 0, ok.stderr);
  t.deepEqual(await alembicVersion(db.url), [id]);
  t.is(await typeOf(db.url, 'app.big'), 'bigint');
  t.is(await typeOf(db.url, 'app.small'), 'bigint');
  t.deepEqual((await query<{ i: string }>(db.url, "SELECT indexrelid::regclass::text AS i FROM pg_index WHERE indrelid IN ('app.big'::regclass, 'app.small'::regclass) AND indisvalid AND NOT indisprimary ORDER BY 1")).map((r) => r.i), ['app.big_n', 'app.small_n']);

  // downgrade reads the sizes again: the rewrite back of app.big is refused the same way
  const back = await run(['downgrade', 'base'], db.url, dir);
  t.is(back.exitCode, 1, back.stderr);
  t.regex(back.stderr, /REWRITES_TABLE: revision \w+ downgrade step 2 .*\[app\.big: .* at apply start, larger than the REWRITES_TABLE limit of 8\.0 MB\]/);
  t.notRegex(back.stderr, /app\.small/);
  t.is(await typeOf(db.url, 'app.big'), 'bigint');
  const down = await run(['downgrade', 'base', '--size-limit', 'REWRITES_TABLE=1GB'], db.url, dir);
  t.is(down.exitCode, 0, down.stderr);
  t.is(await typeOf(db.url, 'app.big'), 'integer');
});

test('a table created by the same run counts as empty: it passes even a limit of 0; a materialized view is sized', async (t) => {
  const db = await tableWithRows(t);
  const dir = await tempDir(t);
  const id = revId();
  await writeRevisions(dir, [
    rev(id, null, 'New table, rewritten', [
      stmt('CREATE TABLE app.fresh (id integer PRIMARY KEY, n integer)'),
      stmt('ALTER TABLE app.fresh ALTER COLUMN n TYPE bigint', { hazards: [hazard.rewritesTable('app.fresh', 'column n changes type')] }),
      stmt('CREATE INDEX CONCURRENTLY fresh_n ON app.fresh (n)', { transactional: false, hazards: [hazard.indexBuildOnline('app.fresh_n')] }),
    ], []),
  ]);
  const r = await run(['apply', '--size-limit', 'REWRITES_TABLE=0,INDEX_BUILD=0'], db.url, dir);
  t.is(r.exitCode, 0, r.stderr);
  t.is(await typeOf(db.url, 'app.fresh'), 'bigint');

  // a materialized view that exists is sized like a table (an index build scans it), not taken for a new, empty one
  await runSql(db.url, 'CREATE MATERIALIZED VIEW app.mv AS SELECT id, n FROM app.big');
  await writeRevisions(dir, [rev(revId(), id, 'Index the view', [stmt('CREATE INDEX CONCURRENTLY mv_n ON app.mv (n)', { transactional: false, hazards: [hazard.indexBuildOnline('app.mv_n')] })], [])]);
  const mv = await run(['apply', '--size-limit', 'INDEX_BUILD=1MB'], db.url, dir);
  t.is(mv.exitCode, 1, mv.stderr);
  t.regex(mv.stderr, /INDEX_BUILD: .*\[app\.mv: \d+(\.\d)? MB at apply start, larger than the INDEX_BUILD limit of 1\.0 MB\]/);
});

test('fas diff and fas plan show the sizes of the tables hazards touch (text, JSON, revision file)', async (t) => {
  const db = await tableWithRows(t);
  const to = await createDb(server, 'fas_size_gate');
  t.teardown(to.drop);
  const desired = `CREATE SCHEMA app;
CREATE TABLE app.big (id integer PRIMARY KEY, n bigint NOT NULL, pad text NOT NULL); CREATE INDEX big_n ON app.big (n);
CREATE TABLE app.small (id integer PRIMARY KEY, n bigint NOT NULL, pad text NOT NULL); CREATE INDEX small_n ON app.small (n);`;
  await runSql(to.url, desired);
  const diff = (format: string) => execa('node', [FAS, 'diff', '--from', db.url, '--to', to.url, '--format', format], { reject: false, cwd: ROOT });

  const text = await diff('text');
  t.is(text.exitCode, 1, text.stderr);
  t.regex(text.stdout, /REWRITES_TABLE: rewrites app\.big under an ACCESS EXCLUSIVE lock \(column n changes type; app\.big: ~\d+(\.\d)?k rows, 1\d MB\)/);
  t.regex(text.stdout, /INDEX_BUILD: builds index app\.big_n concurrently: writes go on, the build scans the table \(app\.big: ~.*k rows, 1\d MB\)/);
  t.regex(text.stdout, /REWRITES_TABLE: rewrites app\.small .*app\.small: ~10 rows, \d+ kB\)/);

  const json = await diff('json');
  const plan = JSON.parse(json.stdout) as { statements: { sql: string; hazards: { type: string; size?: { table: string; rows: number | null; bytes: number } }[] }[] };
  const sized = plan.statements.flatMap((s) => s.hazards.filter((h) => ['REWRITES_TABLE', 'INDEX_BUILD'].includes(h.type)));
  t.is(sized.length, 4, json.stdout);
  for (const h of sized) t.truthy(h.size, `every sized hazard carries its size: ${JSON.stringify(h)}`);
  const big = sized.find((h) => h.type === 'REWRITES_TABLE' && h.size?.table === 'app.big')!.size!;
  t.true(big.rows! > 150_000 && big.rows! < 250_000, `reltuples ${big.rows}`);
  t.true(big.bytes > 8 * 1024 * 1024, `${big.bytes} bytes`);
  const bytes = (await query<{ b: string }>(db.url, "SELECT pg_table_size('app.big') AS b"))[0]!.b;
  t.is(big.bytes, Number(bytes));

  // fas plan against the database: the revision's step comments keep the sizes
  const dir = await tempDir(t);
  await mkdir(join(dir, 'schema'), { recursive: true });
  await writeFile(join(dir, 'schema', 'app.sql'), desired);
  const env = { ...process.env, DATABASE_URL: '', FAS_DEV_DATABASE_URL: server.adminUrl };
  const p = await execa('node', [FAS, 'plan', '-m', 'widen', '--db', db.url], { reject: false, cwd: dir, env });
  t.is(p.exitCode, 0, p.stderr);
  t.regex(p.stdout, /app\.big: ~.*k rows, 1\d MB/);
  const [file] = await readdir(join(dir, 'generated-migrations'));
  const written = await readFile(join(dir, 'generated-migrations', file!), 'utf8');
  t.regex(written, /hazard REWRITES_TABLE "rewrites app\.big under an ACCESS EXCLUSIVE lock \(column n changes type; app\.big: ~.*k rows, 1\d MB\)"/);
  const lint = await execa('node', [FAS, 'lint'], { reject: false, cwd: dir, env });
  t.is(lint.exitCode, 0, `${lint.stdout}${lint.stderr}`);
});

test('fleets: each target is judged by its own sizes; --dry-run lists them per target', async (t) => {
  const large = await tableWithRows(t);
  const empty = await createDb(server, 'fas_size_gate');
  t.teardown(empty.drop);
  await runSql(empty.url, TABLES.split('\n').filter((l) => !l.startsWith('INSERT')).join('\n'));
  const dir = await tempDir(t);
  await writeRevisions(join(dir, 'generated-migrations'), [widenAndIndex(revId())]);
  await writeFile(join(dir, 'fas.targets.yaml'), 'on_error: continue\ntargets:\n  - { name: large, url_env: FAS_SG_LARGE_URL }\n  - { name: empty, url_env: FAS_SG_EMPTY_URL }\n');
  const env = { ...process.env, DATABASE_URL: '', FAS_SIZE_LIMITS: undefined, FAS_SG_LARGE_URL: large.url, FAS_SG_EMPTY_URL: empty.url };
  const fleet = (...args: string[]) => execa('node', [FAS, 'apply', '--targets', 'fas.targets.yaml', ...args], { reject: false, cwd: dir, env });

  const dry = await fleet('--dry-run');
  t.is(dry.exitCode, 0, dry.stderr);
  const [forLarge, forEmpty] = dry.stdout.split('-- target empty');
  t.regex(forLarge!, /-- size gate: REWRITES_TABLE .* step 1 .*app\.big: ~.* rows, 1\d MB at apply start, larger than the REWRITES_TABLE limit of 8\.0 MB: refused/);
  t.regex(forEmpty!, /-- size gate: REWRITES_TABLE .* step 1 .*app\.big: .* within the REWRITES_TABLE limit of 8\.0 MB: passes/);

  const r = await fleet('--format', 'json');
  const doc = JSON.parse(r.stdout) as { targets: { target: string; status: string; error: string | null }[] };
  t.deepEqual(doc.targets.map((x) => [x.target, x.status]), [['large', 'refused'], ['empty', 'applied']], r.stdout);
  t.regex(doc.targets[0]!.error ?? '', /HAZARD/);
  t.is(await typeOf(large.url, 'app.big'), 'integer');
  t.is(await typeOf(empty.url, 'app.big'), 'bigint');
});
