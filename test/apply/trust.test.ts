/**
 * Apply trusts only what it can check: a hand-edited pending revision is
 * refused (checksum), `fas rehash` re-seals it (never an applied one), and the
 * hazards of its statements are derived from the SQL, so a re-sealed TRUNCATE
 * still needs --allow-hazards DELETES_DATA.
 */
import { readFile, writeFile } from 'node:fs/promises';
import test from 'ava';
import { createDb, query, runSql, servers } from '../support/servers.js';
import { alembicVersion, applied, fas, rev, revId, stmt, tempDir, writeRevisions } from './helpers.js';

/** Insert a hand-written step after the last upgrade step, as a careless edit would. */
function addTruncateStep(text: string, n: number): string {
  const at = text.indexOf('\n-- downgrade');
  return text.slice(0, at) + `\n-- step ${n}: source "hand-written", lock_timeout 3000ms, statement_timeout 60000ms\nTRUNCATE app.t;\n` + text.slice(at);
}

for (const server of servers()) {
  test(`${server.label}: a hand-edited pending revision is refused until re-sealed, and its TRUNCATE still needs DELETES_DATA`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    const b = revId();
    const [, pathB] = await writeRevisions(dir, [
      rev(a, null, 'Create t', [stmt('CREATE SCHEMA app'), stmt('CREATE TABLE app.t (id integer PRIMARY KEY, note text)')], [stmt('DROP TABLE app.t'), stmt('DROP SCHEMA app')]),
      rev(b, a, 'Add tag', [stmt('ALTER TABLE app.t ADD COLUMN tag text')], [stmt('ALTER TABLE app.t DROP COLUMN tag')]),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    await runSql(db.url, 'INSERT INTO app.t SELECT g, g::text FROM generate_series(1, 1000) g');
    await writeFile(pathB!, addTruncateStep(await readFile(pathB!, 'utf8'), 2));
    const rows = async () => Number((await query<{ n: string }>(db.url, 'SELECT count(*) AS n FROM app.t'))[0]!.n);

    for (const args of [['apply'], ['apply', '--dry-run'], ['apply', '--allow-hazards', 'all']]) {
      const r = await fas(args, opts);
      t.is(r.exitCode, 1, `${args.join(' ')}: ${r.stderr}`);
      t.regex(r.stderr, /\[CHECKSUM\]/);
      t.true(r.stderr.includes(pathB!), 'the message names the file');
      t.true(r.stderr.includes(`fas rehash ${b}`), 'the message offers fas rehash');
      t.is(await rows(), 1000);
    }
    t.deepEqual(await alembicVersion(db.url), [a]);

    const cur = await fas(['current'], opts);
    t.is(cur.exitCode, 0, `a pending edited file is not a problem of the database: ${cur.stdout}`);

    const re = await fas(['rehash', b.slice(0, 6)], opts);
    t.is(re.exitCode, 0, re.stderr);
    t.regex(re.stdout, new RegExp(`revision ${b} re-sealed`));
    const again = await fas(['rehash', b], opts);
    t.regex(again.stdout, /already sealed/);

    const dry = await fas(['apply', '--dry-run'], opts);
    t.is(dry.exitCode, 0, dry.stderr);
    t.regex(dry.stdout, /-- hazard DELETES_DATA \(found in the SQL, not declared\): TRUNCATE empties app\.t/);
    t.regex(dry.stderr, /would refuse 1 hazardous statement/);

    const refused = await fas(['apply'], opts);
    t.is(refused.exitCode, 1, refused.stderr);
    t.regex(refused.stderr, /\[HAZARD\]/);
    t.regex(refused.stderr, new RegExp(`DELETES_DATA: revision ${b} upgrade step 2 \\(hand-written\\) \\[found in the SQL`));
    t.is(await rows(), 1000, 'the rows are intact');
    t.deepEqual(await alembicVersion(db.url), [a]);

    const ok = await fas(['apply', '--allow-hazards', 'DELETES_DATA'], opts);
    t.is(ok.exitCode, 0, ok.stderr);
    t.is(await rows(), 0);
    t.deepEqual(await alembicVersion(db.url), [b]);

    const applied2 = await fas(['rehash', b], opts);
    t.is(applied2.exitCode, 1, 'an applied revision is never re-sealed');
    t.regex(applied2.stderr, /\[CHECKSUM\].*the target applied it/);
  });

  test(`${server.label}: hand-written DROP COLUMN and DROP TABLE steps without declared hazards need DELETES_DATA to downgrade`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const a = revId();
    await writeRevisions(dir, [rev(a, null, 'Create t', [stmt('CREATE TABLE public.t (id integer, note text)')], [stmt('ALTER TABLE public.t DROP COLUMN note'), stmt('DROP TABLE public.t')])]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply'], opts));
    const down = await fas(['downgrade', 'base'], opts);
    t.is(down.exitCode, 1, down.stderr);
    t.regex(down.stderr, /DELETES_DATA: revision \w+ downgrade step 1 .*drops column public\.t\.note/);
    t.regex(down.stderr, /DELETES_DATA: revision \w+ downgrade step 2 .*drops table public\.t/);
    t.deepEqual(await alembicVersion(db.url), [a]);
  });

  test(`${server.label}: a hand-written ALTER COLUMN TYPE is a rewrite unless binary-coercible from the live column type`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const [a, b, c] = [revId(), revId(), revId()];
    await writeRevisions(dir, [
      rev(a, null, 'Create t', [stmt('CREATE TABLE public.t (id integer, name varchar(10))')], []),
      rev(b, a, 'Widen name', [stmt('ALTER TABLE public.t ALTER COLUMN name TYPE text')], []),
      rev(c, b, 'Widen id', [stmt('ALTER TABLE public.t ALTER COLUMN id TYPE bigint')], []),
    ]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply', '--to', a], opts));
    await runSql(db.url, "INSERT INTO public.t VALUES (1, 'x')");
    const widen = await fas(['apply', '--to', b], opts);
    t.is(widen.exitCode, 0, `varchar(10) -> text is binary-coercible: ${widen.stderr}`);
    // a rewrite of a table within the REWRITES_TABLE size limit (8 MB) passes; a limit of 0 refuses it on any table with rows
    const strict = ['--size-limit', 'REWRITES_TABLE=0'];
    const refused = await fas(['apply', ...strict], opts);
    t.is(refused.exitCode, 1, refused.stderr);
    t.regex(refused.stderr, /REWRITES_TABLE: .*changes the type of public\.t\.id from integer to bigint.*\[public\.t: .* at apply start, larger than the REWRITES_TABLE limit of 0 bytes\]/);
    t.deepEqual(await alembicVersion(db.url), [b]);
    await applied(t, fas(['apply', ...strict, '--allow-hazards', 'REWRITES_TABLE'], opts));
  });
}
