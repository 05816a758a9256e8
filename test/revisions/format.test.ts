import test from 'ava';
import fc from 'fast-check';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Statement } from '../../src/plan/statement.js';
import { HAZARD_TYPES, type HazardType } from '../../src/plan/hazards.js';
import type { Revision } from '../../src/revisions/types.js';
import { renderRevision, trimAscii } from '../../src/revisions/render.js';
import { parseRevisionFile } from '../../src/revisions/parse.js';
import { newRevisionId, slugify } from '../../src/revisions/revision-id.js';
import { writeRevision } from '../../src/revisions/write.js';
import { FasError } from '../../src/util/errors.js';

// Text that may hold anything but NUL (PostgreSQL text cannot) and lone surrogates.
const anyText = fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/\0/g, ''));
const tricky = fc.constantFrom(';', "'", '"', '\\', '$$', '$x$', '--', '/*', '*/', '\n', '\r\n', '\t', 'é', '日本', '🐘', ' ; -- x', "'; DROP TABLE t; --");
const bodyText = fc.array(fc.oneof(anyText, tricky), { maxLength: 8 }).map((xs) => xs.join(''));

function dollarTag(body: string): string {
  let tag = 'body';
  while (body.includes(`$${tag}$`) || (body + '$').includes(`$${tag}`)) tag += 'x';
  return `$${tag}$`;
}

/** Statements whose text carries the hard cases: dollar-quoted bodies, quotes, comments, unicode. */
const statementSql: fc.Arbitrary<string> = fc.oneof(
  bodyText.map((b) => {
    const t = dollarTag(b);
    return `CREATE FUNCTION app.f() RETURNS text LANGUAGE plpgsql AS ${t}${b}${t}`;
  }),
  bodyText.map((b) => `SELECT '${b.replace(/'/g, "''")}' AS "x""y"`),
  bodyText.map((b) => `COMMENT ON TABLE app.t IS E'${b.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`),
  fc.tuple(bodyText, bodyText).map(([a, b]) => `-- ${a.replace(/[\r\n]/g, ' ')}\nSELECT 1 /* ${b.replace(/\*\/|\/\*/g, '')} */`),
  bodyText.map((b) => `SELECT 2 -- trailing ${b.replace(/[\r\n]/g, ' ')}`),
  fc.constant('CREATE INDEX CONCURRENTLY t_a_idx ON app.t (a)'),
).map(trimAscii); // the canonical form: render trims ASCII whitespace around a statement

const hazardArb = fc.record({ type: fc.constantFrom<HazardType>(...HAZARD_TYPES), message: fc.oneof(anyText, bodyText) });
const statementArb: fc.Arbitrary<Statement> = fc.record({
  sql: statementSql,
  hazards: fc.array(hazardArb, { maxLength: 3 }),
  transactional: fc.boolean(),
  lockTimeoutMs: fc.nat(),
  statementTimeoutMs: fc.nat(),
  source: fc.oneof(anyText, bodyText),
});
const idArb = fc.stringMatching(/^[0-9a-f]{12}$/);
const revisionArb: fc.Arbitrary<Revision> = fc.record({
  id: idArb,
  parent: fc.option(idArb, { nil: null }),
  message: fc.oneof(anyText, bodyText),
  created: fc.date({ min: new Date(2000, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }).map((d) => d.toISOString()),
  upgrade: fc.array(statementArb, { maxLength: 4 }),
  downgrade: fc.array(statementArb, { maxLength: 4 }),
}).filter((r) => r.parent !== r.id);

test('parse(render(rev)) gives back the same revision, and the checksum matches', async (t) => {
  await fc.assert(
    fc.asyncProperty(revisionArb, async (rev) => {
      const text = renderRevision(rev);
      const file = await parseRevisionFile('x.sql', text);
      const { path, checksum, actualChecksum, ...back } = file;
      t.deepEqual(back, rev);
      t.is(checksum, actualChecksum);
      t.regex(checksum, /^sha256:[0-9a-f]{64}$/);
    }),
    { numRuns: 150 },
  );
});

test('any edit to the file changes the checksum', async (t) => {
  const rev: Revision = {
    id: 'a1b2c3d4e5f6',
    parent: null,
    message: 'create app',
    created: '2026-01-02T03:04:05.000Z',
    upgrade: [{ sql: 'CREATE SCHEMA app', hazards: [], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 600000, source: 'create schema app' }],
    downgrade: [{ sql: 'DROP SCHEMA app', hazards: [{ type: 'DELETES_DATA', message: 'drops schema app' }], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 600000, source: 'drop schema app' }],
  };
  const text = renderRevision(rev);
  const edited = text.replace('CREATE SCHEMA app', 'CREATE SCHEMA apps');
  const f = await parseRevisionFile('x.sql', edited);
  t.not(f.checksum, f.actualChecksum);
  t.snapshot(text, 'the file format');
});

test('malformed files are REVISION errors naming file:line', async (t) => {
  const good = renderRevision({ id: 'a1b2c3d4e5f6', parent: null, message: 'm', created: '2026-01-02T03:04:05.000Z', upgrade: [{ sql: 'SELECT 1', hazards: [], transactional: true, lockTimeoutMs: 1, statementTimeoutMs: 2, source: 's' }], downgrade: [] });
  const cases: [string, RegExp][] = [
    ['hello world\n', /x\.sql:1:1: not a fas revision file/],
    [good.replace('SELECT 1;', 'SELECT 1; SELECT 2;'), /x\.sql:\d+:\d+: statement without its '-- step N:' comment/],
    [good.replace('SELECT 1;', 'SELEC 1;'), /x\.sql:\d+:\d+: SQL does not parse/],
    [good.replace('SELECT 1;', 'SELECT 1'), /x\.sql:\d+:\d+: statement does not end with ';'/],
    [good.replace('-- revision: a1b2c3d4e5f6', '-- revision: XYZ'), /x\.sql:2:1: revision id "XYZ"/],
    [good.replace('-- downgrade', ''), /missing the '-- downgrade' section/],
    [good.replace('lock_timeout 1ms', 'lock_timeout soon'), /x\.sql:\d+:\d+: bad step comment/],
  ];
  for (const [text, re] of cases) {
    const e = await t.throwsAsync(parseRevisionFile('x.sql', text));
    t.true(e instanceof FasError);
    const fe = e as FasError;
    t.is(fe.code, 'REVISION');
    t.regex(`${fe.location?.file}:${fe.location?.line}:${fe.location?.column}: ${fe.message}`, re);
  }
});

test('writeRevision writes <id>_<slug>.sql atomically and refuses to overwrite', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fas-rev-'));
  const rev: Revision = { id: newRevisionId(), parent: null, message: 'Add Accounts & Users!', created: new Date().toISOString(), upgrade: [], downgrade: [] };
  t.regex(rev.id, /^[0-9a-f]{12}$/);
  const path = await writeRevision(dir, rev);
  t.is(path, join(dir, `${rev.id}_add_accounts_users.sql`));
  t.is(await readFile(path, 'utf8'), renderRevision(rev));
  await t.throwsAsync(writeRevision(dir, rev), { message: /refusing to overwrite/ });
  await t.throwsAsync(writeRevision(dir, { ...rev, message: 'other' }), { message: /already exists/ });
  t.is(slugify('   '), 'revision');
  t.is(slugify('Crée la table « comptes »'), 'cree_la_table_comptes');
});
