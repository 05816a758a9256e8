/**
 * Each target takes its own advisory lock, polled (never a blocking wait): a
 * target whose lock another session holds waits, is reported with its lock
 * wait, and is applied once the lock is released; the other target does not wait.
 */
import test from 'ava';
import pg from 'pg';
import { FAS_LOCK_KEY } from '../../src/apply/lock.js';
import { createDb, servers } from '../support/servers.js';
import { fas, makeProject, type ApplyDoc } from './helpers.js';

test('a held lock on one target delays that target only; its lock wait is reported', async (t) => {
  const server = servers()[0]!;
  const [one, two] = [await createDb(server, 'fas_fleet_lock'), await createDb(server, 'fas_fleet_lock')];
  t.teardown(one.drop);
  t.teardown(two.drop);
  const p = await makeProject(t, 'max_parallel: 2\nper_host: 2\ntargets:\n  - { name: busy, url_env: FAS_BUSY_URL }\n  - { name: free, url_env: FAS_FREE_URL }\n');
  const holder = new pg.Client({ connectionString: one.url, application_name: 'lock-holder-test' });
  await holder.connect();
  t.teardown(() => holder.end());
  await holder.query('SELECT pg_advisory_lock($1::bigint)', [String(FAS_LOCK_KEY)]);
  const run = fas(['apply', '--targets', 'fas.targets.yaml', '--format', 'json', '--lock-wait', '60'], { cwd: p.dir, env: { FAS_BUSY_URL: one.url, FAS_FREE_URL: two.url } });
  // Release 1.5 s after fas has connected to the busy target (the machine may be slow to start it).
  for (let i = 0; i < 600; i++) {
    const seen = await holder.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'fas apply'");
    if (seen.rowCount) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await new Promise((res) => setTimeout(res, 1500));
  await holder.query('SELECT pg_advisory_unlock($1::bigint)', [String(FAS_LOCK_KEY)]);
  const r = await run;
  t.is(r.exitCode, 0, r.stderr);
  const rows = new Map((JSON.parse(r.stdout) as ApplyDoc).targets.map((x) => [x.target, x]));
  t.is(rows.get('busy')!.status, 'applied');
  t.is(rows.get('free')!.status, 'applied');
  t.true(rows.get('busy')!.lockWaitMs! >= 1000, `busy waited ${rows.get('busy')!.lockWaitMs} ms`);
  t.true(rows.get('free')!.lockWaitMs! < 1000, `free waited ${rows.get('free')!.lockWaitMs} ms`);
  t.regex(r.stderr, /busy: waiting for the migration lock held by pid \d+, application_name "lock-holder-test"/);
});
