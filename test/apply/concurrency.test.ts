import test from 'ava';
import pg from 'pg';
import { createDb, query, servers } from '../support/servers.js';
import { FAS_LOCK_KEY, lockHolders } from '../../src/apply/lock.js';
import { alembicVersion, columns, fas, historyRows, stmt, tempDir, twoRevisions, waitFor, writeRevisions } from './helpers.js';

/** Sessions holding fas's advisory lock on this database. */
async function advisoryHolders(url: string): Promise<number[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await lockHolders(c)).map((h) => h.pid);
  } finally {
    await c.end();
  }
}

for (const server of servers()) {
  test(`${server.label}: four concurrent applies all wait on the held migration lock, then each revision is applied exactly once`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const [a0, b] = twoRevisions();
    // the first revision also writes rows: a second run of it would fail or double them
    const a = { ...a0, upgrade: [...a0.upgrade, stmt("INSERT INTO public.items SELECT g, 'n' || g FROM generate_series(1, 50) g")] };
    await writeRevisions(dir, [a, b]);

    // the test holds fas's advisory lock: no apply can proceed until it lets go
    const holder = new pg.Client({ connectionString: db.url, application_name: 'lock-holder-test' });
    await holder.connect();
    t.teardown(() => holder.end().catch(() => undefined));
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [String(FAS_LOCK_KEY)]);
    const holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

    const procs = [1, 2, 3, 4].map(() => fas(['apply', '--lock-wait', '600'], { db: db.url, dir }));
    const stderr = procs.map(() => '');
    procs.forEach((p, i) => p.stderr?.on('data', (d: Buffer) => (stderr[i] += d.toString())));
    const waitLine = new RegExp(`waiting for the migration lock held by pid ${holderPid}, application_name "lock-holder-test"`);
    await waitFor('all four applies to report waiting for the migration lock', async () => (stderr.every((e) => waitLine.test(e)) ? true : undefined), 120_000);
    // seen from the server: four fas sessions connected, none of them holding the lock, nothing of either revision done
    const sessions = await query<{ pid: number }>(db.url, "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'fas apply'", [db.name]);
    t.is(sessions.length, 4);
    t.deepEqual(await advisoryHolders(db.url), [holderPid], 'only the test session holds the lock');
    t.deepEqual(await query(db.url, "SELECT to_regclass('public.items') AS items, to_regclass('fas.revision_history') AS history"), [{ items: null, history: null }]);

    await holder.query('SELECT pg_advisory_unlock($1::bigint)', [String(FAS_LOCK_KEY)]);
    const runs = await Promise.all(procs);
    for (const r of runs) t.is(r.exitCode, 0, r.stderr);
    t.is(runs.filter((r) => /applying /.test(r.stderr)).length, 1, 'one run did the work, the others found nothing to do');
    const counts = await query<{ revision: string; n: string }>(db.url, "SELECT revision, count(*) AS n FROM fas.revision_history WHERE direction = 'upgrade' GROUP BY revision ORDER BY revision");
    t.deepEqual(counts.map((c) => [c.revision, Number(c.n)]).sort(), [[a.id, 1], [b.id, 1]].sort());
    t.deepEqual(await historyRows(db.url), [
      { revision: a.id, direction: 'upgrade' },
      { revision: b.id, direction: 'upgrade' },
    ]);
    t.deepEqual(await alembicVersion(db.url), [b.id]);
    t.deepEqual(await query(db.url, 'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM public.items'), [{ n: 50, d: 50 }], 'no row lost or doubled');
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'name', 'price']);
    t.deepEqual(await query(db.url, 'SELECT * FROM fas.revision_steps'), []);
    t.deepEqual(await advisoryHolders(db.url), [], 'the lock is released');
  });

  test(`${server.label}: a held migration lock makes apply give up after --lock-wait, naming the holder`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    await writeRevisions(dir, twoRevisions());
    const holder = new pg.Client({ connectionString: db.url, application_name: 'lock-holder-test' });
    await holder.connect();
    t.teardown(() => holder.end());
    await holder.query('SELECT pg_advisory_lock($1::bigint)', [String(FAS_LOCK_KEY)]);
    const pid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const r = await fas(['apply', '--lock-wait', '1'], { db: db.url, dir });
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stderr, /\[LOCK\]/);
    t.regex(r.stderr, new RegExp(`pid ${pid}, application_name "lock-holder-test", client 127\\.0\\.0\\.1:\\d+`));
    t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'fas'"), []);
  });
}
