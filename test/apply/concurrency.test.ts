import test from 'ava';
import pg from 'pg';
import { createDb, query, servers } from '../support/servers.js';
import { FAS_LOCK_KEY } from '../../src/apply/lock.js';
import { alembicVersion, fas, tempDir, twoRevisions, writeRevisions } from './helpers.js';

for (const server of servers()) {
  test(`${server.label}: four concurrent applies apply each revision exactly once`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const [a, b] = twoRevisions();
    await writeRevisions(dir, [a, b]);
    const runs = await Promise.all([1, 2, 3, 4].map(() => fas(['apply'], { db: db.url, dir })));
    for (const r of runs) t.is(r.exitCode, 0, r.stderr);
    t.is(runs.filter((r) => /applying /.test(r.stderr)).length, 1, 'one run did the work, the others found nothing to do');
    const counts = await query<{ revision: string; n: string }>(db.url, "SELECT revision, count(*) AS n FROM fas.revision_history WHERE direction = 'upgrade' GROUP BY revision ORDER BY revision");
    t.deepEqual(counts.map((c) => [c.revision, Number(c.n)]).sort(), [[a.id, 1], [b.id, 1]].sort());
    t.deepEqual(await alembicVersion(db.url), [b.id]);
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
