/**
 * fas diff --prod against a "production" database built by applying two
 * revisions and then drifted by hand: the report, read-only sessions, revision
 * status, connection errors that never show a password, major-version warning.
 */
import test from 'ava';
import { join } from 'node:path';
import { createDb, runSql, servers, urlFor, type TestServer } from '../support/servers.js';
import { DRIFT_SQL, fas, makeProject } from './helpers.js';

interface DriftDoc {
  production: { url: string; serverVersion: number };
  drift: { changes: { op: string; kind: string; schema: string | null; name: string; details?: { path: string; from: unknown; to: unknown }[] }[]; statements: { sql: string }[]; unsupported: unknown[] };
  revisions: { head: string | null; current: string | null; behind: number; pending: { id: string; message: string }[]; unknown: unknown[]; changed: unknown[]; problems: string[]; upToDate: boolean };
  same: boolean;
}

const EXPECTED_CHANGES = [
  'create index app.item_names_id_idx',
  'alter materialized view app.item_names',
  'alter table app.items',
  'drop index app.items_price_idx',
  'drop schema extra',
  'drop table extra.notes',
].sort();

function summary(doc: DriftDoc): string[] {
  return doc.drift.changes.map((c) => `${c.op} ${c.name}`).sort();
}

function prodEnv(server: TestServer, prodUrl: string): Record<string, string> {
  return { FAS_PROD_DATABASE_URL: prodUrl, FAS_DEV_DATABASE_URL: server.adminUrl };
}

for (const server of servers()) {
  test(`${server.label}: drift report lists exactly the hand-made drift, also on a read-only database`, async (t) => {
    const db = await createDb(server, 'fas_prod');
    t.teardown(db.drop);
    const p = await makeProject(t);
    const apply = await fas(['apply', '--db', db.url, '--dir', join(p.dir, 'generated-migrations')], { cwd: p.dir });
    t.is(apply.exitCode, 0, apply.stderr);

    const clean = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(clean.exitCode, 0, clean.stderr + clean.stdout);
    const cleanDoc = JSON.parse(clean.stdout) as DriftDoc;
    t.true(cleanDoc.same);
    t.deepEqual(cleanDoc.drift.changes, []);
    t.is(cleanDoc.revisions.current, p.revisions[1].id);
    t.is(cleanDoc.revisions.behind, 0);
    t.true(cleanDoc.revisions.upToDate);

    await runSql(db.url, DRIFT_SQL);
    const r = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(r.exitCode, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as DriftDoc;
    t.false(doc.same);
    t.deepEqual(summary(doc), EXPECTED_CHANGES);
    const items = doc.drift.changes.find((c) => c.name === 'table app.items')!;
    const paths = items.details!.map((d) => d.path).sort();
    t.deepEqual(paths, ['columns.price.default', 'columns.price.type'], JSON.stringify(items.details));
    const mv = doc.drift.changes.find((c) => c.name === 'materialized view app.item_names')!;
    t.deepEqual(mv.details, [{ path: 'comment', from: 'Changed by hand', to: 'Names of items' }]);
    t.true(doc.revisions.upToDate, 'drift is not a revision problem');
    t.is(doc.revisions.behind, 0);
    t.deepEqual(doc.drift.unsupported, []);

    const text = await fas(['diff', '--prod'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(text.exitCode, 1, text.stderr);
    t.regex(text.stdout, /schema app\n(  [+~-] .*\n(      .*\n)*)+/);
    t.regex(text.stdout, /schema extra\n  - schema extra\n  - table extra\.notes\n/);
    t.regex(text.stdout, /  \+ index app\.item_names_id_idx/);
    t.regex(text.stdout, /  - index app\.items_price_idx/);
    t.regex(text.stdout, /  ~ table app\.items\n(      [~+-] .*\n)*      ~ columns\.price\.type/);
    t.regex(text.stdout, /Revisions\n/);
    t.regex(text.stdout, /up to date/);

    const sql = await fas(['diff', '--prod', '--format', 'sql'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(sql.exitCode, 1, sql.stderr);
    t.regex(sql.stdout, /DROP TABLE extra\.notes;/);
    t.regex(sql.stdout, /-- hazard /);

    // Forced read-only sessions (as on a hot standby): same report, and nothing written.
    await runSql(server.adminUrl, `ALTER DATABASE ${db.name} SET default_transaction_read_only = on`);
    const ro = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(ro.exitCode, 1, ro.stderr);
    const roDoc = JSON.parse(ro.stdout) as DriftDoc;
    t.deepEqual(summary(roDoc), EXPECTED_CHANGES);
    t.deepEqual(roDoc.drift.changes, doc.drift.changes);
    t.deepEqual(roDoc.revisions, doc.revisions);
  });

  test(`${server.label}: one revision not applied is reported as 1 behind, by name`, async (t) => {
    const db = await createDb(server, 'fas_prod');
    t.teardown(db.drop);
    const p = await makeProject(t);
    const [a, b] = p.revisions;
    const apply = await fas(['apply', '--db', db.url, '--dir', join(p.dir, 'generated-migrations'), '--to', a.id], { cwd: p.dir });
    t.is(apply.exitCode, 0, apply.stderr);

    const r = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(r.exitCode, 1, r.stderr);
    const doc = JSON.parse(r.stdout) as DriftDoc;
    t.is(doc.revisions.behind, 1);
    t.is(doc.revisions.current, a.id);
    t.is(doc.revisions.head, b.id);
    t.deepEqual(doc.revisions.pending.map((x) => x.id), [b.id]);
    t.false(doc.revisions.upToDate);
    t.true(summary(doc).includes('create materialized view app.item_names'));

    const text = await fas(['diff', '--prod'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(text.exitCode, 1, text.stderr);
    t.regex(text.stdout, new RegExp(`1 revision\\(s\\) behind:\\n    > ${b.id} Item names`));
    t.regex(text.stdout, new RegExp(`production: ${a.id}`));

    // Up to date with the revisions and no drift: exit 0.
    const rest = await fas(['apply', '--db', db.url, '--dir', join(p.dir, 'generated-migrations')], { cwd: p.dir });
    t.is(rest.exitCode, 0, rest.stderr);
    const ok = await fas(['diff', '--prod'], { cwd: p.dir, env: prodEnv(server, db.url) });
    t.is(ok.exitCode, 0, ok.stderr + ok.stdout);
    t.regex(ok.stdout, /No drift/);
  });

  test(`${server.label}: connection errors (closed port, unknown host, no URL) exit 2 and never show the password`, async (t) => {
    const secret = 'S3cretPw!x';
    const role = `fas_prod_test_${Math.random().toString(16).slice(2, 8)}`;
    const db = await createDb(server, 'fas_prod');
    t.teardown(db.drop);
    const p = await makeProject(t);
    await runSql(server.adminUrl, `CREATE ROLE ${role} LOGIN PASSWORD '${secret}'`);
    t.teardown(() => runSql(server.adminUrl, `DROP ROLE IF EXISTS ${role}`));

    const noPassword = (out: { stdout: string; stderr: string }) => {
      for (const s of [secret, encodeURIComponent(secret)]) {
        t.false(out.stdout.includes(s), out.stdout);
        t.false(out.stderr.includes(s), out.stderr);
      }
    };

    const u = new URL(urlFor(server, db.name));
    u.username = role;

    // A closed port, with a password in the URL.
    const closed = new URL(u.toString());
    closed.hostname = '127.0.0.1';
    closed.port = '1';
    closed.password = encodeURIComponent(secret);
    const c = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: prodEnv(server, closed.toString()) });
    t.is(c.exitCode, 2, c.stderr);
    t.regex(c.stderr, /\[CONNECT\]/);
    t.regex(c.stderr, /\*\*\*\*/);
    noPassword(c);

    // An unresolvable host.
    const nohost = new URL(closed.toString());
    nohost.hostname = 'fas-no-such-host.invalid';
    nohost.port = '5432';
    const h = await fas(['diff', '--prod', '--prod-url', nohost.toString()], { cwd: p.dir, env: { FAS_DEV_DATABASE_URL: server.adminUrl } });
    t.is(h.exitCode, 2, h.stderr);
    t.regex(h.stderr, /\[CONNECT\]/);
    noPassword(h);

    // No production URL at all.
    const none = await fas(['diff', '--prod'], { cwd: p.dir, env: { FAS_DEV_DATABASE_URL: server.adminUrl } });
    t.is(none.exitCode, 2);
    t.regex(none.stderr, /\[CONFIG\].*FAS_PROD_DATABASE_URL/);
  });
}

const [pg15, pg18] = [servers().find((s) => s.label === 'pg15'), servers().find((s) => s.label === 'pg18')];

// The machine's 15 trusts local connections; the embedded 18 checks passwords (initdb --auth=password): the wrong password is tried there.
if (pg18) {
  test('pg18: a wrong password exits 2 with [CONNECT] and never shows the password', async (t) => {
    const secret = 'S3cretPw!x';
    const role = `fas_prod_pw_${Math.random().toString(16).slice(2, 8)}`;
    const db = await createDb(pg18, 'fas_prod');
    t.teardown(db.drop);
    const p = await makeProject(t);
    await runSql(pg18.adminUrl, `CREATE ROLE ${role} LOGIN PASSWORD '${secret}'`);
    t.teardown(() => runSql(pg18.adminUrl, `DROP ROLE IF EXISTS ${role}`));
    const u = new URL(urlFor(pg18, db.name));
    u.username = role;
    u.password = encodeURIComponent(secret);
    // the server does check passwords: the right one connects, a wrong one is refused
    await runSql(u.toString(), 'SELECT 1');
    const wrongUrl = new URL(u.toString());
    wrongUrl.password = encodeURIComponent(secret + 'wrong');
    await t.throwsAsync(runSql(wrongUrl.toString(), 'SELECT 1'), { message: /password authentication failed/ });

    const wrong = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: prodEnv(pg18, wrongUrl.toString()) });
    t.is(wrong.exitCode, 2, wrong.stderr);
    t.regex(wrong.stderr, /\[CONNECT\]/);
    t.regex(wrong.stderr, /password authentication failed/);
    t.is(wrong.stdout, '');
    for (const s of [secret, secret + 'wrong', encodeURIComponent(secret), encodeURIComponent(secret + 'wrong')]) {
      t.false(wrong.stderr.includes(s), wrong.stderr);
    }
  });
} else test.skip('a wrong password: skipped, FAS_TEST_PG18_URL is not set (the embedded 18 is the server that checks passwords; npm test starts it)', () => undefined);
if (pg15 && pg18) {
  test('production on PostgreSQL 18, dev server on 15: a warning on stderr', async (t) => {
    const db = await createDb(pg18, 'fas_prod');
    t.teardown(db.drop);
    const p = await makeProject(t);
    const apply = await fas(['apply', '--db', db.url, '--dir', join(p.dir, 'generated-migrations')], { cwd: p.dir });
    t.is(apply.exitCode, 0, apply.stderr);
    const r = await fas(['diff', '--prod', '--format', 'json'], { cwd: p.dir, env: { FAS_PROD_DATABASE_URL: db.url, FAS_DEV_DATABASE_URL: pg15.adminUrl } });
    t.not(r.exitCode, 2, r.stderr);
    t.regex(r.stderr, /warning: .*PostgreSQL 15.*PostgreSQL 18/);
    JSON.parse(r.stdout);
  });
}
