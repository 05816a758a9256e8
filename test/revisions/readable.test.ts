/**
 * Revision files a reviewer can read: the committed initial revision is laid
 * out like pg_dump (one column or constraint per line), no line is over 120
 * characters outside string literals, timeouts are stated once in the header,
 * and every step still parses as exactly one statement.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scan } from 'libpg-query';
import { parseRevisionFile } from '../../src/revisions/parse.js';
import { renderRevision } from '../../src/revisions/render.js';
import { MAX_LINE, prettySql, prettyStatements } from '../../src/revisions/pretty.js';
import { parseSingle } from '../../src/sql/parser.js';
import type { Revision } from '../../src/revisions/types.js';

const ROOT = join(import.meta.dirname, '..', '..');
const INITIAL = join(ROOT, 'generated-migrations', 'a125ac7b2db7_initial_schema.sql');
/** The initial revision as fas wrote it before this format: one line per statement, timeouts on every step. */
const FORMAT_1 = join(import.meta.dirname, 'fixtures', 'a125ac7b2db7-format-1.sql');

/** Characters of a line that are not inside a string literal, by PostgreSQL's own scanner. */
async function codeLength(line: string): Promise<number> {
  if (line.startsWith('--')) return line.replace(/"(?:[^"\\]|\\.)*"/g, '""').length; // step comments: JSON strings
  const { tokens } = await scan(line).catch(() => ({ tokens: [] as { start: number; end: number; tokenName: string }[] }));
  const buf = Buffer.from(line, 'utf8');
  let literal = 0;
  for (const t of tokens) if (t.tokenName === 'SCONST') literal += buf.subarray(t.start, t.end).toString('utf8').length;
  return line.length - literal;
}

test('the initial revision: pg_dump layout, no line over 120 characters outside literals, one statement per step', async (t) => {
  // render the statements as first written (one line each) and compare with the committed file
  const old = await parseRevisionFile(FORMAT_1, await readFile(FORMAT_1, 'utf8'));
  t.is(old.checksum, old.actualChecksum);
  const text = renderRevision({ ...old, upgrade: prettyStatements(old.upgrade), downgrade: prettyStatements(old.downgrade) });
  t.is(await readFile(INITIAL, 'utf8'), text, 'the committed initial revision is the rendering of its statements');
  const file = await parseRevisionFile(INITIAL, text);
  t.is(file.id, 'a125ac7b2db7');
  t.is(file.parent, null);
  t.is(file.checksum, file.actualChecksum);
  t.regex(text, /^-- timeouts: lock_timeout 3000ms, statement_timeout 600000ms$/m);
  t.notRegex(text, /^-- step .*lock_timeout/m, 'default timeouts are not repeated on every step');

  const long: string[] = [];
  for (const line of text.split('\n')) if (line.length > MAX_LINE && (await codeLength(line)) > MAX_LINE) long.push(line);
  t.deepEqual(long, []);

  for (const s of [...file.upgrade, ...file.downgrade]) await t.notThrowsAsync(parseSingle(s.sql), s.source);
  const table = file.upgrade.find((s) => s.source === 'create table workflow.agent_checkpoints')!;
  t.true(table.sql.startsWith('CREATE TABLE workflow.agent_checkpoints (\n    checkpoint_id bigint'), table.sql.slice(0, 80));
  t.regex(table.sql, /^    attempt integer DEFAULT 1 NOT NULL,$/m);
  t.true(table.sql.endsWith('\n)'));
  const fk = file.upgrade.find((s) => s.source === 'add constraint fk_lessons_learned_outcome on outcomes.lessons_learned')!;
  t.deepEqual(fk.hazards.map((h) => h.type), ['VALIDATES_CONSTRAINT']);
  t.true(fk.sql.startsWith('ALTER TABLE'), 'hazard lines are not part of the statement');

  for (const [i, s] of file.upgrade.entries()) t.deepEqual({ ...s, sql: '' }, { ...old.upgrade[i]!, sql: '' }, 'metadata kept');
  // rendering it again changes nothing
  const again = renderRevision({ ...file, upgrade: prettyStatements(file.upgrade), downgrade: prettyStatements(file.downgrade) });
  t.is(again, text);
});

test('layout changes only whitespace between tokens: literals, dollar bodies and string continuations stay', (t) => {
  const body = `$f$ SELECT 'x, y' ${'|| ' + "'z' ".repeat(40)}$f$`;
  const fn = `CREATE FUNCTION app.f() RETURNS text LANGUAGE sql AS ${body}`;
  t.true(prettySql(fn).includes(body));
  const cont = `SELECT 'a'\n'b' AS x, ${'1 + '.repeat(40)}1`;
  const out = prettySql(cont);
  t.true(out.includes(`'a'\n'b'`));
  for (const l of out.split('\n')) t.true(l.length <= MAX_LINE, l);
  const table = prettySql('CREATE TABLE app.t (a int DEFAULT 1, b text, CONSTRAINT c CHECK ((a > 0)))');
  t.is(table, 'CREATE TABLE app.t (\n    a int DEFAULT 1,\n    b text,\n    CONSTRAINT c CHECK ((a > 0))\n)');
});

test('a step with its own timeouts names them; the others take the header defaults', async (t) => {
  const rev: Revision = {
    id: 'abcdefabcdef',
    parent: null,
    message: 'm',
    created: '2026-01-01T00:00:00.000Z',
    upgrade: [
      { sql: 'CREATE SCHEMA a', hazards: [], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 600000, source: 'create schema a' },
      { sql: 'CREATE INDEX CONCURRENTLY i ON a.t (x)', hazards: [{ type: 'INDEX_BUILD', message: 'builds i' }], transactional: false, lockTimeoutMs: 3000, statementTimeoutMs: 0, source: 'create index a.i' },
    ],
    downgrade: [],
  };
  const text = renderRevision(rev);
  t.regex(text, /^-- step 1: source "create schema a"$/m);
  t.regex(text, /^-- step 2: source "create index a.i", non-transactional, statement_timeout 0ms,$/m);
  t.regex(text, /^-- {3}hazard INDEX_BUILD "builds i"$/m);
  const back = await parseRevisionFile('x.sql', text);
  t.deepEqual(back.upgrade, rev.upgrade);
});

test('files written before the timeouts header still read: timeouts on every step, hazards on the step line', async (t) => {
  const body = [
    '-- fas revision',
    '-- revision: abcdefabcdef',
    '-- parent: base',
    '-- message: "old"',
    '-- created: 2026-01-01T00:00:00.000Z',
    '-- checksum: sha256:' + '0'.repeat(64),
    '',
    '-- upgrade',
    '',
    '-- step 1: source "drop table a.t", lock_timeout 3000ms, statement_timeout 600000ms, hazard DELETES_DATA "drops a.t"',
    'DROP TABLE a.t;',
    '',
    '-- downgrade',
    '',
  ].join('\n');
  const f = await parseRevisionFile('old.sql', body);
  t.deepEqual(f.upgrade, [{ sql: 'DROP TABLE a.t', source: 'drop table a.t', transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 600000, hazards: [{ type: 'DELETES_DATA', message: 'drops a.t' }] }]);
  await t.throwsAsync(parseRevisionFile('old.sql', body.replace(', lock_timeout 3000ms', '')), { message: /lacks lock_timeout/ });
});
