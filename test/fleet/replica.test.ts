/**
 * A streaming replica (pg_basebackup -R of a primary started here with initdb):
 * fas diff --prod --targets reports it in sync after apply and lagging while
 * replay is paused; fas never applies to a server in recovery.
 */
import test from 'ava';
import { query, runSql } from '../support/servers.js';
import { fas, makeProject, type ApplyDoc, type DriftDoc } from './helpers.js';
import { replicaUnavailable, startPrimaryAndReplica } from './replica-cluster.js';

const why = replicaUnavailable();
if (why) console.log(`replica test skipped: ${why}`);
const replicaTest = why ? test.skip : test;

const TARGETS = `targets:
  - name: primary
    url_env: FAS_PRIMARY_URL
    replicas:
      - { name: standby, url_env: FAS_STANDBY_URL }
`;

replicaTest('a streaming replica is in sync after apply, lagging while replay is paused, and never applied to', async (t) => {
  const cluster = await startPrimaryAndReplica();
  t.teardown(() => cluster.stop());
  await runSql(cluster.primaryUrl('postgres'), 'CREATE DATABASE fleet');
  const env = { FAS_PRIMARY_URL: cluster.primaryUrl('fleet'), FAS_STANDBY_URL: cluster.replicaUrl('fleet'), FAS_DEV_DATABASE_URL: cluster.primaryUrl('postgres') };
  const p = await makeProject(t, TARGETS);
  const head = p.revisions[p.revisions.length - 1]!.id;

  const applied = await fas(['apply', '--targets', 'fas.targets.yaml'], { cwd: p.dir, env });
  t.is(applied.exitCode, 0, applied.stderr + applied.stdout);

  const inSync = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(inSync.exitCode, 0, inSync.stderr + inSync.stdout);
  const doc = JSON.parse(inSync.stdout) as DriftDoc;
  t.like(doc.replicas[0], { replica: 'standby', primary: 'primary', status: 'in-sync', revision: head, lagBytes: 0, paused: false });

  await runSql(cluster.replicaUrl('fleet'), 'SELECT pg_catalog.pg_wal_replay_pause()');
  t.teardown(() => runSql(cluster.replicaUrl('fleet'), 'SELECT pg_catalog.pg_wal_replay_resume()').catch(() => undefined));
  await runSql(cluster.primaryUrl('fleet'), "INSERT INTO public.items SELECT g, 'row ' || g FROM generate_series(1, 1000) g");
  const lagging = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(lagging.exitCode, 1, lagging.stderr + lagging.stdout);
  const lag = (JSON.parse(lagging.stdout) as DriftDoc).replicas[0]!;
  t.like(lag, { status: 'lagging', paused: true, revision: head });
  t.true(lag.lagBytes! > 0);
  const text = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml'], { cwd: p.dir, env });
  t.regex(text.stdout, /standby .*replica of primary .*lagging; .* behind the primary; replay paused/);

  // The replica named as a target: refused by apply, flagged by diff.
  const wrong = { ...env, FAS_PRIMARY_URL: cluster.replicaUrl('fleet'), FAS_STANDBY_URL: cluster.primaryUrl('fleet') };
  const refused = await fas(['apply', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env: wrong });
  t.is(refused.exitCode, 1, refused.stderr);
  const r = (JSON.parse(refused.stdout) as ApplyDoc).targets[0]!;
  t.is(r.status, 'refused');
  t.regex(r.error!, /in recovery/);
  const swapped = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env: wrong });
  const sw = JSON.parse(swapped.stdout) as DriftDoc;
  t.is(sw.targets[0]!.status, 'misconfigured');
  t.is((await query<{ n: string }>(cluster.replicaUrl('fleet'), 'SELECT count(*) AS n FROM public.items'))[0]!.n, '0', 'replay is still paused');
});
