/**
 * fas diff --prod --targets: identical hand-made drift on two of the targets
 * is one grouped entry naming both; a target one revision behind is pending,
 * not drifted (it is compared with its own revision replayed); schema/ is
 * normalized once.
 */
import test from 'ava';
import { runSql, servers } from '../support/servers.js';
import { fas, fleetDbs, makeProject, targetsYaml, type DriftDoc } from './helpers.js';

test('identical drift on two targets is one entry naming both; a target behind is pending', async (t) => {
  const { env, urls } = await fleetDbs(t);
  const p = await makeProject(t, targetsYaml());
  const dev = { FAS_DEV_DATABASE_URL: servers()[0]!.adminUrl };
  const applied = await fas(['apply', '--targets', 'fas.targets.yaml'], { cwd: p.dir, env });
  t.is(applied.exitCode, 0, applied.stderr + applied.stdout);

  const clean = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env: { ...env, ...dev } });
  t.is(clean.exitCode, 0, clean.stderr + clean.stdout);
  t.true((JSON.parse(clean.stdout) as DriftDoc).inSync);
  t.regex(clean.stderr, /1 scratch load\(s\)/, 'schema/ is normalized once for the whole fleet');

  for (const n of ['t2', 't5']) await runSql(urls[n]!, 'CREATE INDEX items_name_idx ON public.items (name); ALTER TABLE public.notes ADD COLUMN extra text');
  const back = await fas(['downgrade', '-1', '--db', urls.t6!, '--allow-hazards', 'all'], { cwd: p.dir });
  t.is(back.exitCode, 0, back.stderr);

  const r = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env: { ...env, ...dev } });
  t.is(r.exitCode, 1, r.stderr + r.stdout);
  const doc = JSON.parse(r.stdout) as DriftDoc;
  t.false(doc.inSync);
  t.is(doc.groups.length, 1, JSON.stringify(doc.groups));
  t.deepEqual(doc.groups[0]!.targets, ['t2', 't5']);
  t.is(doc.groups[0]!.count, 2);
  t.deepEqual(doc.groups[0]!.drift.changes.map((c) => `${c.op} ${c.name}`).sort(), ['alter table public.notes', 'drop index public.items_name_idx']);
  const status = Object.fromEntries(doc.targets.map((x) => [x.target, x.status]));
  t.deepEqual(status, { t1: 'in-sync', t2: 'drifted', t3: 'in-sync', t4: 'in-sync', t5: 'drifted', t6: 'pending', t7: 'in-sync' });
  t.is(doc.targets.find((x) => x.target === 't6')!.pending, 1);

  const text = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml'], { cwd: p.dir, env: { ...env, ...dev } });
  t.is(text.exitCode, 1);
  t.regex(text.stdout, /Drift 1: × 2 \(t2, t5\)/);
  t.regex(text.stdout, /t6 .*pending \(1\)/);
  t.regex(text.stderr, /2 scratch load\(s\)/, 'schema/ once, and the revision t6 stands at once');
});
