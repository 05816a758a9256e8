import test from 'ava';
import { hazard } from '../../src/plan/hazards.js';
import { createDb, query, servers } from '../support/servers.js';
import { alembicVersion, columns, fas, historyRows, rev, revId, stmt, tempDir, writeRevisions } from './helpers.js';

for (const server of servers()) {
  test(`${server.label}: a revision that drops a column is refused without --allow-hazards DELETES_DATA`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    await writeRevisions(dir, [
      rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY, name text, legacy text)')], [stmt('DROP TABLE public.items', { hazards: [hazard.dropsTable('public.items')] })]),
      rev(
        b,
        a,
        'Drop legacy',
        [stmt('ALTER TABLE public.items DROP COLUMN legacy', { hazards: [hazard.dropsColumn('public.items.legacy')], source: 'drop column public.items.legacy' })],
        [stmt('ALTER TABLE public.items ADD COLUMN legacy text')],
      ),
    ]);
    const opts = { db: db.url, dir };

    const refused = await fas(['apply'], opts);
    t.is(refused.exitCode, 1, refused.stderr);
    t.regex(refused.stderr, /\[HAZARD\]/);
    t.regex(refused.stderr, new RegExp(`DELETES_DATA: revision ${b} upgrade step 1 \\(drop column public\\.items\\.legacy\\)`));
    t.regex(refused.stderr, /--allow-hazards DELETES_DATA/);
    t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'fas'"), [], 'a refusal touches nothing, not even the history tables');
    t.deepEqual(await query(db.url, "SELECT to_regclass('public.items') AS r"), [{ r: null }], 'nothing of the earlier revision ran either');

    const wrong = await fas(['apply', '--allow-hazards', 'NARROWS_TYPE'], opts);
    t.is(wrong.exitCode, 1);
    const bad = await fas(['apply', '--allow-hazards', 'NOT_A_HAZARD'], opts);
    t.is(bad.exitCode, 2);
    t.regex(bad.stderr, /unknown hazard type NOT_A_HAZARD/);

    const ok = await fas(['apply', '--allow-hazards', 'DELETES_DATA'], opts);
    t.is(ok.exitCode, 0, ok.stderr);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'name']);
    t.deepEqual(await alembicVersion(db.url), [b]);
    t.is((await historyRows(db.url)).length, 2);
  });
}
