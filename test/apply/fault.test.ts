import test from 'ava';
import pg from 'pg';
import { createDb, query, servers } from '../support/servers.js';
import { alembicVersion, applied, columns, fas, historyRows, rev, revId, stmt, tempDir, waitFor, writeRevisions } from './helpers.js';

/** Steps finished by an interrupted run, as fas.revision_steps holds them (the table exists once fas ran). */
async function doneSteps(url: string): Promise<number[] | undefined> {
  const rows = await query<{ step: number }>(url, 'SELECT step FROM fas.revision_steps ORDER BY step').catch(() => undefined);
  return rows?.map((x) => x.step);
}

async function sumOf(url: string, table: string): Promise<{ n: number; s: number }> {
  const [r] = await query<{ n: string; s: string }>(url, `SELECT count(*) AS n, coalesce(sum(v), 0) AS s FROM ${table}`);
  return { n: Number(r!.n), s: Number(r!.s) };
}

for (const server of servers()) {
  test(`${server.label}: kill -9 after two steps committed, while the third waits on a lock: the rerun resumes at step 3`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(
        a,
        null,
        'Tables with rows',
        [
          stmt('CREATE TABLE public.items (id integer PRIMARY KEY)'),
          stmt('CREATE TABLE public.other (id integer PRIMARY KEY, v integer NOT NULL)'),
          stmt('CREATE TABLE public.gate (id integer)'),
          stmt('INSERT INTO public.items SELECT g FROM generate_series(1, 100) g'),
          stmt('INSERT INTO public.other SELECT g, g FROM generate_series(1, 100) g'),
        ],
        [stmt('DROP TABLE public.gate'), stmt('DROP TABLE public.other'), stmt('DROP TABLE public.items')],
      ),
      rev(
        b,
        a,
        'Note, bump, gate, later',
        [
          // step 1 locks an existing table: its own transaction
          stmt('ALTER TABLE public.items ADD COLUMN note text'),
          // step 2 writes rows: its own unit, not idempotent, so running it twice shows
          stmt('UPDATE public.other SET v = v + 1000', { source: 'bump public.other' }),
          // step 3 waits on the test's lock
          stmt('ALTER TABLE public.gate ADD COLUMN x integer', { lockTimeoutMs: 600_000, statementTimeoutMs: 600_000 }),
          stmt('CREATE TABLE public.later (id integer)'),
        ],
        [stmt('DROP TABLE public.later'), stmt('ALTER TABLE public.gate DROP COLUMN x'), stmt('UPDATE public.other SET v = v - 1000'), stmt('ALTER TABLE public.items DROP COLUMN note')],
      ),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    const before = await sumOf(db.url, 'public.other');
    t.deepEqual(before, { n: 100, s: 5050 });

    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    t.teardown(() => holder.end().catch(() => undefined));
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.gate IN ACCESS EXCLUSIVE MODE');

    // step 2 (an UPDATE) carries DELETES_DATA
    const proc = fas(['apply', '--allow-hazards', 'DELETES_DATA'], opts);
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    let exited = false;
    void proc.then(() => (exited = true));
    // fas has committed steps 1 and 2 and its backend waits for the lock on public.gate (step 3)
    const waiting = await waitFor(
      'fas apply to commit steps 1-2 and wait on the lock of step 3',
      async () => {
        if (exited) throw new Error(`fas apply ended before it reached step 3: ${err}`);
        const rows = await query<{ pid: number }>(
          db.url,
          `SELECT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND NOT l.granted
            WHERE a.datname = $1 AND a.application_name = 'fas apply' AND l.relation = 'public.gate'::regclass`,
          [db.name],
        );
        if (rows.length === 0) return undefined;
        const done = await doneSteps(db.url);
        return done?.join(',') === '1,2' ? rows[0]!.pid : undefined;
      },
      90_000,
    );
    proc.kill('SIGKILL');
    const killed = await proc;
    t.is(killed.signal, 'SIGKILL');
    await holder.query('ROLLBACK');
    await waitFor('the killed backend to end', async () => ((await query(db.url, 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting])).length === 0 ? true : undefined), 30_000);

    // what the killed run left: steps 1 and 2 done, step 3 and 4 not, no history row
    t.deepEqual(await alembicVersion(db.url), [a]);
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }]);
    t.deepEqual(await doneSteps(db.url), [1, 2]);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'note']);
    t.deepEqual(await sumOf(db.url, 'public.other'), { n: 100, s: 5050 + 100 * 1000 }, 'step 2 committed once');
    t.deepEqual(await columns(db.url, 'public.gate'), ['id']);
    t.deepEqual(await query(db.url, "SELECT to_regclass('public.later') AS r"), [{ r: null }]);

    const again = await fas(['apply', '--allow-hazards', 'DELETES_DATA'], opts);
    t.is(again.exitCode, 0, again.stderr);
    t.regex(again.stderr, /2 statements \(2 finished earlier, skipped\)/);
    t.deepEqual(await alembicVersion(db.url), [b]);
    t.deepEqual(await historyRows(db.url), [
      { revision: a, direction: 'upgrade' },
      { revision: b, direction: 'upgrade' },
    ]);
    t.deepEqual(await doneSteps(db.url), [], 'the finished revision leaves no step rows');
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'note']);
    t.is(Number((await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM public.items'))[0]!.n), 100);
    t.deepEqual(await sumOf(db.url, 'public.other'), { n: 100, s: 5050 + 100 * 1000 }, 'the resumed run did not run step 2 again');
    t.deepEqual(await columns(db.url, 'public.gate'), ['id', 'x']);
    t.deepEqual(await query(db.url, "SELECT to_regclass('public.later')::text AS r"), [{ r: 'later' }]);
  });

  test(`${server.label}: --lock-timeout overrides the statement's lock_timeout; expiry is a refusal`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY)')], [stmt('DROP TABLE public.items')]),
      rev(b, a, 'Add note', [stmt('ALTER TABLE public.items ADD COLUMN note text', { lockTimeoutMs: 600_000 })], [stmt('ALTER TABLE public.items DROP COLUMN note')]),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    t.teardown(() => holder.end().catch(() => undefined));
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.items IN ACCESS SHARE MODE');
    const r = await fas(['apply', '--lock-timeout', '300', '--lock-retries', '0'], opts);
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stderr, /\[LOCK\]/);
    t.regex(r.stderr, new RegExp(`revision ${b} .*upgrade step 1 of 1 failed .*lock timeout`));
    await holder.query('ROLLBACK');
    t.deepEqual(await alembicVersion(db.url), [a]);
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }]);
  });

  test(`${server.label}: a revision failing halfway keeps its short committed steps, rolls back the rest, names revision and statement, resumes`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY)')], [stmt('DROP TABLE public.items')]),
      rev(
        b,
        a,
        'Broken',
        [
          stmt('ALTER TABLE public.items ADD COLUMN note text'),
          stmt('CREATE TABLE public.other (id integer)'),
          stmt('INSERT INTO public.missing_table (id) VALUES (1)', { source: 'seed public.missing_table' }),
          stmt('CREATE TABLE public.never (id integer)'),
        ],
        [stmt('DROP TABLE public.other'), stmt('ALTER TABLE public.items DROP COLUMN note')],
      ),
    ]);
    const opts = { db: db.url, dir };
    const r = await fas(['apply'], opts);
    t.is(r.exitCode, 2, r.stderr);
    t.regex(r.stderr, /\[SQL_EXEC\]/);
    t.regex(r.stderr, new RegExp(`revision ${b} \\("Broken"`));
    t.regex(r.stderr, /upgrade step 3 of 4 failed \(source: seed public\.missing_table\)/);
    t.regex(r.stderr, /relation "public\.missing_table" does not exist/);
    t.deepEqual(await alembicVersion(db.url), [a], 'the first revision stays applied');
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }], 'no history row for the failed revision');
    // step 1 locks an existing table: it ran alone in its own short transaction and stays done
    t.regex(r.stderr, /Step 1 was committed and stays done \(fas\.revision_steps\); the next run resumes at step 3/);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'note']);
    t.deepEqual((await query<{ step: number }>(db.url, 'SELECT step FROM fas.revision_steps ORDER BY step')).map((x) => x.step), [1]);
    // steps 2 and 3 (new objects) shared one transaction, rolled back together
    t.deepEqual(await query(db.url, "SELECT to_regclass('public.other') AS r"), [{ r: null }]);
    const cur = await fas(['current'], opts);
    t.regex(cur.stdout, new RegExp(`^${a}\\n`));
    t.regex(cur.stdout, /pending: 1/);
    await query(db.url, 'CREATE TABLE public.missing_table (id integer)');
    const again = await fas(['apply'], opts);
    t.is(again.exitCode, 0, again.stderr);
    t.regex(again.stderr, /3 statements \(1 finished earlier, skipped\)/);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'note']);
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }, { revision: b, direction: 'upgrade' }]);
  });

  test(`${server.label}: a failure after a non-transactional step resumes after it`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    await writeRevisions(dir, [
      rev(
        a,
        null,
        'Items with index',
        [
          stmt('CREATE TABLE public.items (id integer PRIMARY KEY, name text)'),
          stmt('CREATE INDEX CONCURRENTLY items_name_idx ON public.items (name)', { transactional: false }),
          stmt('INSERT INTO public.gate (id) VALUES (1)'),
        ],
        [stmt('DROP TABLE public.items')],
      ),
    ]);
    const opts = { db: db.url, dir };
    const r = await fas(['apply'], opts);
    t.is(r.exitCode, 2, r.stderr);
    t.regex(r.stderr, /Steps 1, 2 were committed and stay done/);
    t.deepEqual(await alembicVersion(db.url), []);
    t.deepEqual(await historyRows(db.url), []);
    t.deepEqual((await query<{ step: number }>(db.url, 'SELECT step FROM fas.revision_steps ORDER BY step')).map((x) => x.step), [1, 2]);
    await query(db.url, 'CREATE TABLE public.gate (id integer)');
    const again = await fas(['apply'], opts);
    t.is(again.exitCode, 0, again.stderr);
    t.regex(again.stderr, /1 statement \(2 finished earlier, skipped\)/);
    t.deepEqual(await alembicVersion(db.url), [a]);
    t.deepEqual(await query(db.url, 'SELECT * FROM fas.revision_steps'), []);
  });
}
