/**
 * A server that refuses connections is one unreachable row (its password
 * masked), in apply and in diff --prod; the reachable target is still served.
 */
import test from 'ava';
import { createDb, servers } from '../support/servers.js';
import { fas, makeProject, type ApplyDoc, type DriftDoc } from './helpers.js';

test('an unreachable server is reported per target with its password masked', async (t) => {
  const server = servers()[0]!;
  const db = await createDb(server, 'fas_fleet_up');
  t.teardown(db.drop);
  const p = await makeProject(t, 'targets:\n  - { name: up, url_env: FAS_UP_URL }\n  - { name: gone, url_env: FAS_GONE_URL }\n');
  const env = { FAS_UP_URL: db.url, FAS_GONE_URL: 'postgresql://app:s3cr3t-pw@127.0.0.1:1/app', FAS_DEV_DATABASE_URL: server.adminUrl };
  const apply = await fas(['apply', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(apply.exitCode, 1, apply.stderr);
  const rows = new Map((JSON.parse(apply.stdout) as ApplyDoc).targets.map((x) => [x.target, x]));
  t.is(rows.get('up')!.status, 'applied');
  t.is(rows.get('gone')!.status, 'unreachable');
  t.regex(rows.get('gone')!.error!, /\[CONNECT\] cannot connect to PostgreSQL at 127\.0\.0\.1:1/);
  const diff = await fas(['diff', '--prod', '--targets', 'fas.targets.yaml', '--format', 'json'], { cwd: p.dir, env });
  t.is(diff.exitCode, 1, diff.stderr);
  const doc = JSON.parse(diff.stdout) as DriftDoc;
  t.deepEqual(doc.targets.map((x) => [x.target, x.status]), [['up', 'in-sync'], ['gone', 'unreachable']]);
  for (const out of [apply.stdout, apply.stderr, diff.stdout, diff.stderr]) t.false(out.includes('s3cr3t-pw'));
});
