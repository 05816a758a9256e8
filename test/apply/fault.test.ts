import test from 'ava';
import pg from 'pg';
import { createDb, query, servers } from '../support/servers.js';
import { alembicVersion, columns, fas, historyRows, rev, revId, stmt, tempDir, writeRevisions } from './helpers.js';
import { applied } from './helpers.js';

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms = 90_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const server of servers()) {
  test(`${server.label}: kill -9 of an apply waiting on a table lock leaves the previous revision`, async (t) => {
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
        'Add note',
        [stmt('ALTER TABLE public.items ADD COLUMN note text', { lockTimeoutMs: 600_000, statementTimeoutMs: 600_000 }), stmt('CREATE TABLE public.other (id integer)')],
        [stmt('DROP TABLE public.other'), stmt('ALTER TABLE public.items DROP COLUMN note')],
      ),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));

    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    t.teardown(() => holder.end().catch(() => undefined));
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE public.items IN ACCESS EXCLUSIVE MODE');

    const proc = fas(['apply'], opts);
    const waiting = await waitFor('fas apply to wait on the table lock', async () => {
      const rows = await query<{ pid: number }>(db.url, "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'fas apply' AND wait_event_type = 'Lock'", [db.name]);
      return rows[0]?.pid;
    });
    proc.kill('SIGKILL');
    const killed = await proc;
    t.is(killed.signal, 'SIGKILL');

    t.deepEqual(await alembicVersion(db.url), [a]);
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }]);
    await holder.query('ROLLBACK');
    await waitFor('the killed backend to end', async () => ((await query(db.url, 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', [waiting])).length === 0 ? true : undefined));
    t.deepEqual(await alembicVersion(db.url), [a], 'the killed run committed nothing');
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }]);
    t.deepEqual(await columns(db.url, 'public.items'), ['id']);
    t.deepEqual(await query(db.url, "SELECT to_regclass('public.other') AS r"), [{ r: null }]);

    const again = await fas(['apply'], opts);
    t.is(again.exitCode, 0, again.stderr);
    t.deepEqual(await alembicVersion(db.url), [b]);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'note']);
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
