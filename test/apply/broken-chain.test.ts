/**
 * Status on a broken revision chain (a deleted middle file, a fork): fas
 * current and fas history print what they know and name the problem with
 * exit 1; apply refuses.
 */
import { unlink } from 'node:fs/promises';
import test from 'ava';
import { createDb, servers } from '../support/servers.js';
import { alembicVersion, applied, fas, rev, revId, stmt, tempDir, writeRevisions } from './helpers.js';

function three(): ReturnType<typeof rev>[] {
  const [a, b, c] = [revId(), revId(), revId()];
  return [
    rev(a, null, 'one', [stmt('CREATE TABLE public.t (id integer)')], [stmt('DROP TABLE public.t', { hazards: [{ type: 'DELETES_DATA', message: 'drops t' }] })]),
    rev(b, a, 'two', [stmt('CREATE INDEX t_id ON public.t (id)')], [stmt('DROP INDEX public.t_id')]),
    rev(c, b, 'three', [stmt('COMMENT ON TABLE public.t IS $$x$$')], [stmt('COMMENT ON TABLE public.t IS NULL')]),
  ];
}

for (const server of servers()) {
  test(`${server.label}: a deleted middle revision: current and history print the status and exit 1; apply refuses`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const revs = three();
    const [a, b, c] = revs.map((r) => r.id) as [string, string, string];
    const paths = await writeRevisions(dir, revs);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply'], opts));
    const clean = await fas(['current'], opts);
    t.is(clean.exitCode, 0, clean.stdout + clean.stderr);
    await unlink(paths[1]!);

    const cur = await fas(['current'], opts);
    t.is(cur.exitCode, 1, cur.stderr);
    t.is(cur.stderr, '');
    t.regex(cur.stdout, new RegExp(`^${c}\\n`), 'the database revision, from alembic_version');
    t.regex(cur.stdout, /head: unknown \(the revision chain is broken\)/);
    t.regex(cur.stdout, new RegExp(`problem: .*${c}_three\\.sql: parent revision ${b} of ${c} is missing`));
    const json = JSON.parse((await fas(['current', '--format', 'json'], opts)).stdout);
    t.is(json.current, c);
    t.is(json.chainProblems.length, 1);

    const hist = await fas(['history'], opts);
    t.is(hist.exitCode, 1, hist.stderr);
    t.regex(hist.stdout, new RegExp(`base -> ${a}  one .*applied`));
    t.regex(hist.stdout, new RegExp(`${b} -> ${c}  three .*NOT REACHED FROM BASE`));
    t.regex(hist.stdout, new RegExp(`problem: .*parent revision ${b} of ${c} is missing`));
    const hjson = JSON.parse((await fas(['history', '--format', 'json'], opts)).stdout);
    t.deepEqual(hjson.revisions.map((r: { id: string; status: string }) => [r.id, r.status]), [[a, 'applied'], [c, 'applied']]);

    const ap = await fas(['apply'], opts);
    t.not(ap.exitCode, 0);
    t.regex(ap.stderr, /\[REVISION\].*parent revision/);
    t.deepEqual(await alembicVersion(db.url), [c]);
  });

  test(`${server.label}: a fork: current and history name it and exit 1`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const revs = three();
    await writeRevisions(dir, revs.slice(0, 2));
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply'], opts));
    const x = revId();
    await writeRevisions(dir, [rev(x, revs[0]!.id, 'other branch', [stmt('SELECT 1')], [])]);
    const cur = await fas(['current'], opts);
    t.is(cur.exitCode, 1);
    t.regex(cur.stdout, /problem: .*a fork: several revisions have parent/);
    const hist = await fas(['history'], opts);
    t.is(hist.exitCode, 1);
    t.regex(hist.stdout, new RegExp(`${x}  other branch`));
  });
}
