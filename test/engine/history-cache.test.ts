/**
 * The history cache: the catalog a revision chain produces is replayed once and
 * then served from .fas/history-cache/; a changed old revision changes the key
 * and is replayed again (its effect shows); new revisions on top of a cached
 * prefix replay only themselves and give the same catalog as a full replay.
 * And through the CLI: a second `fas plan` replays nothing, and drift of the
 * target is still reported with a warm cache; a second `fas check` replays
 * nothing either.
 */
import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { catalogOfRevisions } from '../../src/engine/history-catalog.js';
import { catalogFromJson, catalogToJson } from '../../src/engine/catalog-json.js';
import { diffCatalogs } from '../../src/diff/diff.js';
import { ALL } from '../../src/diff/scope.js';
import { FAS, rev, stmt } from '../apply/helpers.js';
import { createDb, query, servers } from '../support/servers.js';

const server = servers()[0]!;

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-history-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const r1 = (colType = 'integer') =>
  rev('a00000000001', null, 'base', [
    stmt('CREATE SCHEMA app'),
    stmt("CREATE TYPE app.state AS ENUM ('new', 'done')"),
    stmt(`CREATE TABLE app.items (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, qty ${colType} NOT NULL DEFAULT 0, state app.state, tags text[], CHECK (qty >= 0))`),
    stmt('CREATE INDEX items_state_idx ON app.items (state) WHERE qty > 0'),
    stmt("COMMENT ON TABLE app.items IS 'items'"),
  ], []);
const r2 = rev('a00000000002', 'a00000000001', 'view', [
  stmt('CREATE VIEW app.busy AS SELECT id, qty FROM app.items WHERE qty > 10'),
  stmt('CREATE FUNCTION app.total() RETURNS bigint LANGUAGE sql STABLE AS $$ SELECT sum(qty)::bigint FROM app.items $$'),
], []);
const r3 = rev('a00000000003', 'a00000000002', 'comment', [stmt("COMMENT ON COLUMN app.items.qty IS 'how many'")], []);
const r4 = rev('a00000000004', 'a00000000003', 'more', [stmt('ALTER TABLE app.items ADD COLUMN note text'), stmt('CREATE MATERIALIZED VIEW app.totals AS SELECT state, count(*) AS n FROM app.items GROUP BY state')], []);

test('the catalog survives JSON: same model, deep-frozen', async (t) => {
  const { catalog } = await catalogOfRevisions(server.adminUrl, [r1(), r2, r3, r4]);
  const back = catalogFromJson(catalogToJson(catalog));
  t.true(isDeepStrictEqual(back, catalog));
  t.deepEqual(diffCatalogs(back, catalog, ALL), []);
  t.true(Object.isFrozen(back.tables.get([...back.tables.keys()][0]!)!.columns[0]));
  t.throws(() => catalogFromJson('{"serverVersion": 1}'));
});

test('a replayed history is served from the cache; a changed old revision is replayed again; new revisions replay only themselves', async (t) => {
  const project = await tempDir(t);
  const first = await catalogOfRevisions(server.adminUrl, [r1(), r2, r3], { projectDir: project });
  t.is(first.source, 'replay');
  t.is(first.replayed, 3);
  t.is((await readdir(join(project, '.fas', 'history-cache'))).length, 1);

  const second = await catalogOfRevisions(server.adminUrl, [r1(), r2, r3], { projectDir: project });
  t.is(second.source, 'cache');
  t.is(second.replayed, 0);
  t.true(isDeepStrictEqual(second.catalog, first.catalog));

  // an edited first revision: every key changes, nothing is served from the cache, and the edit shows
  const edited = await catalogOfRevisions(server.adminUrl, [r1('bigint'), r2, r3], { projectDir: project });
  t.is(edited.source, 'replay');
  t.is(edited.replayed, 3);
  t.is(edited.catalog.tables.get('table:app.items')!.columns.find((c) => c.name === 'qty')!.type, 'bigint');
  t.true(diffCatalogs(first.catalog, edited.catalog, ALL).length > 0);

  // one more revision on top of the cached three: a prefix build plus one replay, equal to a full replay
  const longer = await catalogOfRevisions(server.adminUrl, [r1(), r2, r3, r4], { projectDir: project });
  t.is(longer.source, 'prefix');
  t.is(longer.replayed, 1);
  const full = await catalogOfRevisions(server.adminUrl, [r1(), r2, r3, r4]);
  t.is(full.source, 'replay');
  t.deepEqual(diffCatalogs(longer.catalog, full.catalog, ALL), []);
});

test('a damaged cache entry is treated as missing', async (t) => {
  const project = await tempDir(t);
  await catalogOfRevisions(server.adminUrl, [r1()], { projectDir: project });
  const dir = join(project, '.fas', 'history-cache');
  const [entry] = await readdir(dir);
  await writeFile(join(dir, entry!), '{"key": "x"}\n{not json');
  const again = await catalogOfRevisions(server.adminUrl, [r1()], { projectDir: project });
  t.is(again.source, 'replay');
});

test('fas plan: the second plan replays nothing; drift of the target is still reported with a warm cache', async (t) => {
  const project = await tempDir(t);
  await mkdir(join(project, 'schema', 'app'), { recursive: true });
  await writeFile(join(project, 'schema', 'app', 'items.sql'), 'CREATE SCHEMA app;\nCREATE TABLE app.items (id integer PRIMARY KEY, name text);\n');
  const db = await createDb(server, 'fas_hist');
  t.teardown(() => db.drop());
  const env = { ...process.env, DATABASE_URL: db.url, FAS_DEV_DATABASE_URL: server.adminUrl };
  const fas = (args: string[]) => execa('node', [FAS, ...args], { cwd: project, env, reject: false });

  const written = await fas(['plan', '-m', 'items']);
  t.is(written.exitCode, 0, written.stderr);
  t.is((await fas(['apply'])).exitCode, 0);
  const cold = await fas(['plan', '--dry-run']);
  t.is(cold.exitCode, 0, cold.stderr);
  t.regex(cold.stderr, /replaying 1 revision/);
  const warm = await fas(['plan', '--dry-run']);
  t.is(warm.exitCode, 0, warm.stderr);
  t.regex(warm.stdout, /No changes/);
  t.notRegex(warm.stderr, /replaying/);

  await query(db.url, 'ALTER TABLE app.items ADD COLUMN sneaky integer');
  const drift = await fas(['plan', '--dry-run']);
  t.is(drift.exitCode, 1, drift.stderr);
  t.regex(drift.stderr, /drifted/);
  t.notRegex(drift.stderr, /replaying/);
});

test('fas check: the second check replays nothing; a revision file edited later is replayed again and named', async (t) => {
  const project = await tempDir(t);
  await mkdir(join(project, 'schema', 'app'), { recursive: true });
  await writeFile(join(project, 'schema', 'app', 'items.sql'), 'CREATE SCHEMA app;\nCREATE TABLE app.items (id integer PRIMARY KEY, name text);\n');
  const env = { ...process.env, DATABASE_URL: '', FAS_DEV_DATABASE_URL: server.adminUrl };
  const fas = (args: string[]) => execa('node', [FAS, ...args], { cwd: project, env, reject: false });
  const db = await createDb(server, 'fas_hist');
  t.teardown(() => db.drop());
  t.is((await fas(['plan', '-m', 'items', '--db', db.url])).exitCode, 0);

  const cold = await fas(['check']);
  t.is(cold.exitCode, 0, cold.stdout + cold.stderr);
  t.regex(cold.stderr, /replaying 1 revision/);
  const warm = await fas(['check']);
  t.is(warm.exitCode, 0, warm.stdout + warm.stderr);
  t.regex(warm.stdout, /^ok: the 1 revision/m);
  t.notRegex(warm.stderr, /replaying/);

  const [file] = (await readdir(join(project, 'generated-migrations'))).filter((f) => f.endsWith('.sql'));
  const path = join(project, 'generated-migrations', file!);
  await writeFile(path, (await readFile(path, 'utf8')).replace('name text', 'name text, extra integer'));
  const edited = await fas(['check']);
  t.is(edited.exitCode, 1, edited.stdout + edited.stderr);
  t.regex(edited.stderr, /replaying 1 revision/);
  t.regex(edited.stdout, /^EDITED: generated-migrations\//m);
});
