/**
 * Short locks at apply time: a step that waits for a lock gives up after its
 * lock_timeout and is retried with backoff; kill -9 during CREATE INDEX
 * CONCURRENTLY leaves an INVALID index that the next apply drops and builds again.
 */
import test from 'ava';
import pg from 'pg';
import { execa } from 'execa';
import { createDb, query, servers } from '../support/servers.js';
import { FAS, ROOT, alembicVersion, applied, columns, fas, historyRows, rev, revId, stmt, tempDir, waitFor, writeRevisions } from './helpers.js';

function fasEnv(args: string[], opts: { db: string; dir: string }, env: Record<string, string> = {}) {
  return execa('node', [FAS, ...args, '--db', opts.db, '--dir', opts.dir], { reject: false, cwd: ROOT, env: { ...process.env, DATABASE_URL: '', FAS_LOCK_RETRY_BASE_MS: '200', ...env } });
}

async function holdLock(t: { teardown(fn: () => Promise<void>): void }, url: string, sql: string): Promise<pg.Client> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  t.teardown(() => holder.end().catch(() => undefined));
  await holder.query('BEGIN');
  await holder.query(sql);
  return holder;
}

async function invalidIndexes(url: string): Promise<string[]> {
  return (await query<{ n: string }>(url, 'SELECT indexrelid::regclass::text AS n FROM pg_index WHERE NOT indisvalid ORDER BY 1')).map((r) => r.n);
}

for (const server of servers()) {
  test(`${server.label}: a reader holding a conflicting lock: apply retries with backoff and succeeds once it ends`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY)')], [stmt('DROP TABLE public.items')]),
      rev(b, a, 'Add note', [stmt('CREATE TABLE public.other (id integer)'), stmt('ALTER TABLE public.items ADD COLUMN note text')], [stmt('ALTER TABLE public.items DROP COLUMN note'), stmt('DROP TABLE public.other')]),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    const holder = await holdLock(t, db.url, 'SELECT count(*) FROM public.items');
    const proc = fasEnv(['apply', '--lock-timeout', '300', '--lock-retries', '8'], opts);
    let err = '';
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    // the reader ends after fas has given up twice
    await waitFor('two retries', async () => (/retry 2\/8/.test(err) ? true : undefined), 30_000);
    await holder.query('COMMIT');
    const r = await proc;
    t.is(r.exitCode, 0, r.stderr);
    t.regex(r.stderr, /lock not granted for step 2 \(.*\): retry 1\/8 in \d+\.\d s/);
    t.deepEqual(await alembicVersion(db.url), [b]);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'note']);
    t.deepEqual(await query(db.url, 'SELECT * FROM fas.revision_steps'), []);
  });

  test(`${server.label}: past the retry budget apply exits 1 with the history truthful`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY)'), stmt('CREATE TABLE public.gate (id integer)')], [stmt('DROP TABLE public.gate'), stmt('DROP TABLE public.items')]),
      rev(b, a, 'Two steps', [stmt('ALTER TABLE public.gate ADD COLUMN x integer'), stmt('ALTER TABLE public.items ADD COLUMN note text')], [stmt('ALTER TABLE public.items DROP COLUMN note'), stmt('ALTER TABLE public.gate DROP COLUMN x')]),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    const holder = await holdLock(t, db.url, 'SELECT count(*) FROM public.items');
    const r = await fasEnv(['apply', '--lock-timeout', '200', '--lock-retries', '2'], opts);
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stderr, /\[LOCK\]/);
    t.regex(r.stderr, /retry 2\/2/);
    t.regex(r.stderr, /step 2 of 2 failed .*lock timeout.*Step 1 was committed and stays done .* resumes at step 2.*after 3 attempt\(s\)/s);
    await holder.query('ROLLBACK');
    // truthful: step 1 (its own transaction) is done and recorded, the revision is not applied
    t.deepEqual(await alembicVersion(db.url), [a]);
    t.deepEqual(await historyRows(db.url), [{ revision: a, direction: 'upgrade' }]);
    t.deepEqual((await query<{ step: number }>(db.url, 'SELECT step FROM fas.revision_steps')).map((x) => x.step), [1]);
    t.deepEqual(await columns(db.url, 'public.gate'), ['id', 'x']);
    const again = await fasEnv(['apply', '--steps'], opts);
    t.is(again.exitCode, 0, again.stderr);
    // --steps: one line per step as it commits, then the revision's line
    t.regex(again.stderr, new RegExp(`applying ${b} Two steps\\n  \\[2/2\\] alter table public\\.items add \\.\\.\\. \\d+ ms\\n  1 statement \\(1 finished earlier, skipped\\)`));
    t.deepEqual(await alembicVersion(db.url), [b]);
  });

  test(`${server.label}: kill -9 during CREATE INDEX CONCURRENTLY, then apply again: no INVALID index, truthful history`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY, name text)')], [stmt('DROP TABLE public.items')]),
      rev(
        b,
        a,
        'Index items',
        [
          stmt('CREATE TABLE public.notes (id integer)'),
          stmt('CREATE INDEX CONCURRENTLY items_name_idx ON public.items (name)', { transactional: false, lockTimeoutMs: 60_000, statementTimeoutMs: 600_000 }),
          stmt('COMMENT ON INDEX public.items_name_idx IS $$by name$$'),
        ],
        [stmt('DROP INDEX CONCURRENTLY public.items_name_idx', { transactional: false }), stmt('DROP TABLE public.notes')],
      ),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    await query(db.url, "INSERT INTO public.items SELECT g, 'n' || g FROM generate_series(1, 50000) g");
    // an open writer: CREATE INDEX CONCURRENTLY waits for it after creating its (still INVALID) index
    const writer = await holdLock(t, db.url, "INSERT INTO public.items VALUES (0, 'w')");
    const proc = fasEnv(['apply'], opts);
    const pid = await waitFor('the index build to wait for the writer', async () => {
      const rows = await query<{ pid: number }>(db.url, 'SELECT pid FROM pg_stat_progress_create_index WHERE datname = $1', [db.name]);
      return rows[0]?.pid;
    }, 30_000);
    proc.kill('SIGKILL');
    t.is((await proc).signal, 'SIGKILL');
    await waitFor('the killed backend to end', async () => ((await query(db.url, 'SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).length === 0 ? true : undefined), 30_000);
    await writer.query('COMMIT');
    t.deepEqual(await invalidIndexes(db.url), ['items_name_idx'], 'the interrupted build left an INVALID index');
    t.deepEqual((await query<{ step: number }>(db.url, 'SELECT step FROM fas.revision_steps')).map((x) => x.step), [1], 'step 1 committed before the build');
    t.deepEqual(await alembicVersion(db.url), [a]);

    const again = await fasEnv(['apply'], opts);
    t.is(again.exitCode, 0, again.stderr);
    t.regex(again.stderr, /dropping INVALID index public\.items_name_idx left by an interrupted build/);
    t.deepEqual(await invalidIndexes(db.url), []);
    t.deepEqual(await query(db.url, "SELECT count(*)::int AS n FROM pg_index WHERE indexrelid = 'public.items_name_idx'::regclass AND indisvalid"), [{ n: 1 }]);
    t.deepEqual(await alembicVersion(db.url), [b]);
    t.deepEqual(await historyRows(db.url), [
      { revision: a, direction: 'upgrade' },
      { revision: b, direction: 'upgrade' },
    ]);
    t.deepEqual(await query(db.url, 'SELECT * FROM fas.revision_steps'), []);
  });
}
