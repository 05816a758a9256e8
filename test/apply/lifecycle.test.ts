import test from 'ava';
import { createDb, query, servers } from '../support/servers.js';
import { alembicVersion, columns, fas, historyRows, tempDir, twoRevisions, userTables, writeRevisions } from './helpers.js';

for (const server of servers()) {
  test(`${server.label}: apply, re-apply, downgrade -1, downgrade base`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const [a, b] = twoRevisions();
    await writeRevisions(dir, [a, b]);
    const opts = { db: db.url, dir };

    const dry = await fas(['apply', '--dry-run'], opts);
    t.is(dry.exitCode, 0, dry.stderr);
    t.regex(dry.stdout, /CREATE TABLE public\.items/);
    t.regex(dry.stdout, /CREATE INDEX CONCURRENTLY/);
    t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'fas'"), [], 'a dry run creates nothing');
    t.deepEqual(await userTables(db.url), []);

    const r1 = await fas(['apply'], opts);
    t.is(r1.exitCode, 0, r1.stderr);
    t.regex(r1.stderr, new RegExp(`applying ${a.id} Create items \\.\\.\\. 1 statement, \\d+ ms`));
    t.regex(r1.stderr, new RegExp(`applying ${b.id} Add price \\.\\.\\. 2 statements`));
    t.deepEqual(await historyRows(db.url), [
      { revision: a.id, direction: 'upgrade' },
      { revision: b.id, direction: 'upgrade' },
    ]);
    t.deepEqual(await alembicVersion(db.url), [b.id]);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'name', 'price']);
    t.deepEqual(await query(db.url, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.items_name_idx'::regclass"), [{ indisvalid: true }]);
    t.deepEqual(await query(db.url, 'SELECT * FROM fas.revision_steps'), [], 'finished revisions leave no step records');
    const row = (await query(db.url, 'SELECT * FROM fas.revision_history ORDER BY id LIMIT 1'))[0]!;
    t.is(row.parent, null);
    t.is(row.applied_by, 'postgres');
    t.is(row.fas_version, '0.1.0');
    t.regex(row.checksum as string, /^sha256:[0-9a-f]{64}$/);

    const cur = await fas(['current', '--format', 'json'], opts);
    t.is(cur.exitCode, 0, cur.stderr);
    t.like(JSON.parse(cur.stdout), { current: b.id, head: b.id, isHead: true, pending: [], changed: [] });

    const again = await fas(['apply'], opts);
    t.is(again.exitCode, 0, again.stderr);
    t.regex(again.stderr, /nothing to apply/);
    t.is((await historyRows(db.url)).length, 2, 're-apply is a no-op');

    const down1 = await fas(['downgrade', '-1'], { db: db.url, dir });
    t.is(down1.exitCode, 1, 'dropping a column needs --allow-hazards');
    t.regex(down1.stderr, /DELETES_DATA/);
    const down1b = await fas(['downgrade', '-1', '--allow-hazards', 'DELETES_DATA'], opts);
    t.is(down1b.exitCode, 0, down1b.stderr);
    t.deepEqual(await alembicVersion(db.url), [a.id]);
    t.deepEqual(await columns(db.url, 'public.items'), ['id', 'name']);

    const hist = await fas(['history', '--format', 'json'], opts);
    t.is(hist.exitCode, 0, hist.stderr);
    const doc = JSON.parse(hist.stdout);
    t.deepEqual(
      doc.revisions.map((r: { id: string; status: string }) => [r.id, r.status]),
      [
        [a.id, 'applied'],
        [b.id, 'pending'],
      ],
    );

    const base = await fas(['downgrade', 'base'], opts);
    t.is(base.exitCode, 1, 'dropping a table needs --allow-hazards');
    t.deepEqual(await alembicVersion(db.url), [a.id], 'a refused downgrade touches nothing');
    const base2 = await fas(['downgrade', 'base', '--allow-hazards', 'all'], opts);
    t.is(base2.exitCode, 0, base2.stderr);
    t.deepEqual(await userTables(db.url), []);
    t.deepEqual(await alembicVersion(db.url), []);
    t.deepEqual((await historyRows(db.url)).map((r) => r.direction), ['upgrade', 'upgrade', 'downgrade', 'downgrade']);
    const cur2 = await fas(['current'], opts);
    t.regex(cur2.stdout, /^base\n/);
    t.regex(cur2.stdout, /pending: 2/);
  });

  test(`${server.label}: an unknown --to is an error naming it`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    await writeRevisions(dir, twoRevisions());
    const r = await fas(['apply', '--to', 'deadbeef0000'], { db: db.url, dir });
    t.is(r.exitCode, 2);
    t.regex(r.stderr, /deadbeef0000/);
    t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'fas'"), []);
  });

  test(`${server.label}: --to stops at a revision`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const [a, b] = twoRevisions();
    await writeRevisions(dir, [a, b]);
    const r = await fas(['apply', '--to', a.id], { db: db.url, dir });
    t.is(r.exitCode, 0, r.stderr);
    t.deepEqual(await alembicVersion(db.url), [a.id]);
    const cur = await fas(['current'], { db: db.url, dir });
    t.regex(cur.stdout, new RegExp(`^${a.id}\\n`));
    t.regex(cur.stdout, new RegExp(`pending: 1 \\(${b.id}\\)`));
  });
}
