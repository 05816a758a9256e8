/**
 * fas apply --targets over 6 databases on PostgreSQL 15 and one on the
 * embedded PostgreSQL 18: a planted conflict fails one target (exit 1, the
 * summary names it and its error, every other target at head); once the
 * conflict is gone the same command completes that target only (exit 0).
 */
import test from 'ava';
import { query, runSql } from '../support/servers.js';
import { fas, fleetDbs, makeProject, NAMES, targetsYaml, type ApplyDoc } from './helpers.js';

async function head(url: string): Promise<string | null> {
  const rows = await query<{ v: string }>(url, "SELECT version_num AS v FROM public.alembic_version").catch(() => []);
  return rows[0]?.v ?? null;
}

test('a planted conflict fails one target only; re-running completes it alone', async (t) => {
  const { env, urls } = await fleetDbs(t);
  const p = await makeProject(t, targetsYaml());
  const [a, b] = p.revisions;
  await runSql(urls.t4!, 'CREATE TABLE public.notes (x integer)');

  const first = await fas(['apply', '--targets', 'fas.targets.yaml'], { cwd: p.dir, env });
  t.is(first.exitCode, 1, first.stderr + first.stdout);
  const failedLine = first.stdout.split('\n').find((l) => l.startsWith('t4 '));
  t.truthy(failedLine, first.stdout);
  t.regex(failedLine!, /failed: \[SQL_EXEC\] .*relation "notes" already exists/);
  t.regex(first.stdout, /not at the goal: t4\b/);
  t.regex(first.stderr, /\[rest\] t4 failed/, 'the live summary names the failure while it runs');
  for (const n of NAMES) t.is(await head(urls[n]!), n === 't4' ? a!.id : b!.id, n);

  const current = await fas(['current', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(current.exitCode, 0, current.stderr);
  const cur = JSON.parse(current.stdout) as { targets: { target: string; status: string; current: string | null; pending: string[] }[] };
  t.deepEqual(cur.targets.filter((x) => x.status !== 'at-head').map((x) => [x.target, x.status, x.current, x.pending]), [['t4', 'pending', a!.id, [b!.id]]]);
  const history = await fas(['history', '--targets', 'fas.targets.yaml'], { cwd: p.dir, env });
  t.is(history.exitCode, 0, history.stderr);
  t.regex(history.stdout, new RegExp(`-> ${b!.id} .*applied on 6/7; pending on t4\\)`));
  t.regex(history.stdout, new RegExp(`-> ${a!.id} .*applied on all 7`));

  await runSql(urls.t4!, 'DROP TABLE public.notes');
  const again = await fas(['apply', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(again.exitCode, 0, again.stderr + again.stdout);
  const doc = JSON.parse(again.stdout) as ApplyDoc;
  t.true(doc.ok);
  const byName = new Map(doc.targets.map((r) => [r.target, r]));
  t.deepEqual([...byName.keys()].sort(), NAMES);
  for (const n of NAMES) {
    const r = byName.get(n)!;
    if (n === 't4') {
      t.like(r, { status: 'applied', from: a!.id, to: b!.id, wave: 'rest' });
      t.true(r.statements >= 1, 'the statements left of the failed revision ran');
    }
    else t.like(r, { status: 'up-to-date', from: b!.id, to: b!.id, statements: 0 });
    t.is(typeof r.lockWaitMs, 'number');
    t.is(await head(urls[n]!), b!.id);
  }
});

test('a failing canary stops the later waves (on_error: stop); they are reported as not started', async (t) => {
  const { env, urls } = await fleetDbs(t);
  const p = await makeProject(t, targetsYaml());
  await runSql(urls.t1!, 'CREATE TABLE public.notes (x integer)');
  const r = await fas(['apply', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(r.exitCode, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as ApplyDoc;
  t.is(doc.targets.find((x) => x.target === 't1')!.status, 'failed');
  for (const x of doc.targets.filter((x) => x.target !== 't1')) {
    t.is(x.status, 'skipped', x.target);
    t.regex(x.error ?? '', /t1 failed in wave canary/);
    t.is(await head(urls[x.target]!), null);
  }
});

test('a missing URL variable makes one target unreachable; the others are applied', async (t) => {
  const { env } = await fleetDbs(t);
  const p = await makeProject(t, targetsYaml());
  delete env.FAS_FLEET_T3_URL;
  const r = await fas(['apply', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env: { ...env, FAS_FLEET_T3_URL: '' } });
  t.is(r.exitCode, 1, r.stderr);
  const doc = JSON.parse(r.stdout) as ApplyDoc;
  const t3 = doc.targets.find((x) => x.target === 't3')!;
  t.is(t3.status, 'unreachable');
  t.regex(t3.error!, /FAS_FLEET_T3_URL is not set/);
  t.is(doc.targets.filter((x) => x.status === 'applied').length, 6);
});
