/**
 * A revision of new objects larger than the server's lock table: every object a
 * transaction creates stays locked until it commits, so one transaction for
 * the whole revision fails with "out of shared memory". fas commits such a
 * group when it holds its share of the lock table and goes on in a new
 * transaction; each committed part records its steps, so a run that fails
 * half-way resumes after the last committed step and the history ends with one
 * row. A scratch server with max_locks_per_transaction=10 and max_connections=20
 * (a lock table of about 400 entries) makes 600 tables enough to prove it.
 */
import test from 'ava';
import { startEmbedded, type RunningServer } from '../support/embedded.js';
import { alembicVersion, historyRows, rev, revId, stmt, tempDir, writeRevisions } from '../apply/helpers.js';
import { runRevision } from '../../src/apply/run-revision.js';
import { ensureHistoryTables, readDbState, stepKey } from '../../src/apply/history-store.js';
import { connect } from '../../src/util/db.js';
import { readRevisionDir } from '../../src/revisions/chain.js';
import { query, runSql } from '../support/servers.js';

const TABLES = 600;
let server: RunningServer | undefined;

test.before(async () => {
  server = await startEmbedded('locks', ['-c', 'max_locks_per_transaction=10', '-c', 'max_connections=20']);
});
test.after.always(async () => {
  await server?.stop();
});

/** One section of the revision as fas apply / downgrade runs it (resuming its finished steps); the error's message, or undefined. */
async function run(url: string, dir: string, direction: 'upgrade' | 'downgrade'): Promise<string | undefined> {
  const [rev] = (await readRevisionDir(dir)).revisions;
  const client = await connect(url);
  try {
    await ensureHistoryTables(client);
    const finishedSteps = (await readDbState(client)).finishedSteps.get(stepKey(rev!.id, direction));
    await runRevision(client, rev!, direction, { newHead: direction === 'upgrade' ? rev!.id : null, finishedSteps, retryBaseMs: 10 });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await client.end();
  }
}

const tableCount = async (url: string) =>
  Number((await query<{ n: string }>(url, "SELECT count(*) AS n FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace AND relname LIKE 't\\_%'"))[0]!.n);

test('600 new tables apply on a small lock table; a failed run resumes after the last committed part', async (t) => {
  const url = server!.url;
  t.is((await query<{ v: string }>(url, "SELECT current_setting('max_locks_per_transaction') AS v"))[0]!.v, '10');
  const dir = await tempDir(t);
  const id = revId();
  const up = Array.from({ length: TABLES }, (_, i) => stmt(`CREATE TABLE public.t_${i} (id integer PRIMARY KEY, ref integer UNIQUE, v text)`));
  const down = Array.from({ length: TABLES }, (_, i) => stmt(`DROP TABLE public.t_${TABLES - 1 - i}`));
  await writeRevisions(dir, [rev(id, null, 'many tables', up, down)]);

  // one step fails: the table is already there
  await runSql(url, 'CREATE TABLE public.t_450 (id integer)');
  const failed = (await run(url, dir, 'upgrade')) ?? '';
  t.regex(failed, /step 451 of 600 failed/);
  t.regex(failed, /were committed and stay done \(fas\.revision_steps\); the next run resumes at step \d+/);
  const done = Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM fas.revision_steps'))[0]!.n);
  t.true(done > 0 && done <= 450, `${done} steps recorded`);
  t.is(await tableCount(url), done + 1, 'the committed parts stay, the failed part is rolled back');
  t.deepEqual(await historyRows(url), []);

  await runSql(url, 'DROP TABLE public.t_450');
  t.is(await run(url, dir, 'upgrade'), undefined);
  t.is(await tableCount(url), TABLES);
  t.deepEqual(await historyRows(url), [{ revision: id, direction: 'upgrade' }]);
  t.deepEqual(await alembicVersion(url), [id]);
  t.is(Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM fas.revision_steps'))[0]!.n), 0, 'the step records are cleared with the history row');

  t.is(await run(url, dir, 'downgrade'), undefined);
  t.is(await tableCount(url), 0);
});
