/**
 * fas.targets.yaml: the minimal form, waves and limits, connection strings
 * refused, every error at file:line:col; targets from a catalog query on a
 * real PostgreSQL 15.
 */
import test from 'ava';
import { parseTargetsFile } from '../../src/fleet/load-targets.js';
import { resolveFleet, selectTargets } from '../../src/fleet/resolve-fleet.js';
import { FasError, formatLocation } from '../../src/util/errors.js';
import { createDb, runSql, servers } from '../support/servers.js';

function error(text: string): { where: string; message: string } {
  try {
    parseTargetsFile('fas.targets.yaml', text);
  } catch (e) {
    if (!(e instanceof FasError)) throw e;
    return { where: formatLocation(e.location!), message: e.message };
  }
  throw new Error('no error');
}

test('the minimal form is valid and gets one wave with the defaults', async (t) => {
  const f = parseTargetsFile('fas.targets.yaml', 'targets: [{ name: eu-1, url_env: FAS_EU1_URL }]\n');
  const fleet = await resolveFleet(f, { FAS_EU1_URL: 'postgresql://u:secret@db.example:6432/app' });
  t.is(fleet.waves.length, 1);
  t.like(fleet.waves[0], { name: 'all', maxParallel: 4, perHost: 2, onError: 'stop' });
  t.like(fleet.waves[0]!.targets[0], { name: 'eu-1', url: 'postgresql://u:secret@db.example:6432/app', host: 'db.example:6432' });
});

test('waves take targets by name, tag, own wave key, and the rest; limits inherit', async (t) => {
  const f = parseTargetsFile(
    'f.yaml',
    `max_parallel: 8
per_host: 3
on_error: continue
waves:
  - { name: canary, targets: [eu-1], max_parallel: 1, on_error: stop }
  - { name: us, tags: [us] }
  - { name: rest }
targets:
  - { name: eu-1, url_env: A_URL }
  - { name: us-1, url_env: B_URL, tags: [us] }
  - { name: ap-1, url_env: C_URL, wave: canary }
  - { name: eu-2, url_env: D_URL, replicas: [{ name: eu-2-r, url_env: E_URL }] }
`,
  );
  const fleet = await resolveFleet(f, { A_URL: 'postgresql://h1/a' });
  t.deepEqual(
    fleet.waves.map((w) => [w.name, w.targets.map((x) => x.name), w.maxParallel, w.perHost, w.onError]),
    [
      ['canary', ['eu-1', 'ap-1'], 1, 3, 'stop'],
      ['us', ['us-1'], 8, 3, 'continue'],
      ['rest', ['eu-2'], 8, 3, 'continue'],
    ],
  );
  t.is(fleet.waves[1]!.targets[0]!.url, undefined, 'an unset variable leaves that target without a URL');
  t.deepEqual(fleet.waves[2]!.targets[0]!.replicas.map((r) => r.name), ['eu-2-r']);
  t.deepEqual(selectTargets(fleet, ['us']).waves.map((w) => w.name), ['us']);
  t.throws(() => selectTargets(fleet, ['nope']), { message: /--only nope/ });
});

test('errors carry file:line:col', (t) => {
  t.like(error('targets:\n  - { name: eu-1, url: "postgresql://u:p@h/db" }\n'), { where: 'fas.targets.yaml:2:19' });
  t.regex(error('targets:\n  - { name: eu-1, url: "postgresql://u:p@h/db" }\n').message, /connection strings never go in the targets file/);
  t.like(error('targets:\n  - name: eu-1\n    url_env: FAS_EU1_URL\n    tagz: [a]\n'), { where: 'fas.targets.yaml:4:5', message: 'invalid targets file: unknown key "tagz" in targets.0' });
  t.like(error('targets:\n  - name: eu-1\n'), { where: 'fas.targets.yaml:2:5' });
  t.regex(error('targets:\n  - { name: eu-1, url_env: "postgresql://x" }\n').message, /environment variable .* never the connection string/);
  t.like(error('on_error: maybe\ntargets: [{ name: a, url_env: A }]\n'), { where: 'fas.targets.yaml:1:11', message: 'invalid targets file: on_error must be one of stop, continue' });
  t.like(error('targets:\n  - { name: a, url_env: A }\n  - { name: a, url_env: B }\n'), { where: 'fas.targets.yaml:3:13' });
  t.like(error('waves: [{ name: w1 }]\ntargets:\n  - { name: a, url_env: A, wave: w2 }\n'), { where: 'fas.targets.yaml:3:34' });
  t.like(error('targets:\n  - { query: "select 1", catalog_url_env: C, extra: 1 }\n'), { where: 'fas.targets.yaml:2:46' });
  t.like(error('targets: [\n'), { where: 'fas.targets.yaml:2:1' });
  t.like(error('max_parallel: 0\ntargets: [{ name: a, url_env: A }]\n'), { where: 'fas.targets.yaml:1:15' });
});

test('a target that belongs to no wave is an error naming it', async (t) => {
  const f = parseTargetsFile('f.yaml', 'waves: [{ name: canary, tags: [canary] }]\ntargets: [{ name: a, url_env: A }]\n');
  await t.throwsAsync(resolveFleet(f, {}), { message: /target a belongs to no wave/ });
});

test('targets from a catalog query (PostgreSQL 15): one SELECT, read-only, rows checked', async (t) => {
  const db = await createDb(servers()[0]!, 'fas_fleet_catalog');
  t.teardown(db.drop);
  await runSql(db.url, "CREATE TABLE dbs (name text, dsn_env text, tags text[], active bool); INSERT INTO dbs VALUES ('tenant-1', 'T1_URL', '{t}', true), ('tenant-2', 'T2_URL', NULL, true), ('old', 'OLD_URL', NULL, false)");
  const yaml = (q: string) => `waves: [{ name: first, tags: [t] }, { name: rest }]\ntargets:\n  - { name: eu-1, url_env: EU1_URL }\n  - { query: "${q}", catalog_url_env: CATALOG_URL, tags: [tenant] }\n`;
  const fleet = await resolveFleet(parseTargetsFile('f.yaml', yaml('select name, dsn_env, tags from dbs where active order by name')), { CATALOG_URL: db.url, T1_URL: 'postgresql://h/t1' });
  t.deepEqual(
    fleet.waves.map((w) => [w.name, w.targets.map((x) => `${x.name}:${x.urlEnv}:${x.tags.join('+')}`)]),
    [
      ['first', ['tenant-1:T1_URL:tenant+t']],
      ['rest', ['eu-1:EU1_URL:', 'tenant-2:T2_URL:tenant']],
    ],
  );
  await t.throwsAsync(resolveFleet(parseTargetsFile('f.yaml', yaml('delete from dbs')), { CATALOG_URL: db.url }), { message: /exactly one SELECT/ });
  await t.throwsAsync(resolveFleet(parseTargetsFile('f.yaml', yaml('select name, name as dsn_env from dbs')), { CATALOG_URL: db.url }), { message: /dsn_env must name an environment variable/ });
  await t.throwsAsync(resolveFleet(parseTargetsFile('f.yaml', yaml("select 'eu-1' as name, 'X' as dsn_env")), { CATALOG_URL: db.url }), { message: /"eu-1" is used twice/ });
  await t.throwsAsync(resolveFleet(parseTargetsFile('f.yaml', yaml('select name, dsn_env from dbs')), {}), { message: /CATALOG_URL is not set/ });
  // A data-modifying function cannot write through the read-only transaction.
  await runSql(db.url, "CREATE FUNCTION bump() RETURNS text LANGUAGE sql AS $$ INSERT INTO dbs VALUES ('x', 'X', NULL, true) RETURNING 'x' $$");
  await t.throwsAsync(resolveFleet(parseTargetsFile('f.yaml', yaml('select bump() as name, 1 as dsn_env')), { CATALOG_URL: db.url }), { message: /read-only transaction/ });
});
