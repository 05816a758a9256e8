/**
 * Text diffs that show the change: a changed view body and a changed index
 * definition appear as unified diffs with the changed lines in full, coloured
 * only on request (a terminal, FORCE_COLOR) and never with NO_COLOR.
 */
import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servers } from '../support/servers.js';
import { unifiedDiff } from '../../src/report/unified-diff.js';
import { useColor } from '../../src/report/color.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const server = servers()[0]!;
const LONG_WHERE = "score > 10 AND name IS NOT NULL AND created_at IS NOT NULL AND name <> 'a rather long literal to push the line past 100 characters'";
const A = `CREATE SCHEMA app;
CREATE TABLE app.t (id int PRIMARY KEY, name text, score numeric, created_at timestamptz);
CREATE VIEW app.v AS SELECT id, name, score, created_at FROM app.t WHERE score > 0 AND name IS NOT NULL;
CREATE INDEX t_name_idx ON app.t (name, created_at) WHERE ${LONG_WHERE};
`;
const B = A.replace('WHERE score > 0 AND', 'WHERE score > 5 AND').replace('(name, created_at) WHERE', '(name, created_at DESC) WHERE');

test('a changed view body and index definition: unified diffs with the changed lines in full', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'fas-difftext-'));
  await writeFile(join(dir, 'a.sql'), A);
  await writeFile(join(dir, 'b.sql'), B);
  const env = { ...process.env, FAS_DEV_DATABASE_URL: server.adminUrl, NO_COLOR: '1' };
  const r = await execa('node', [FAS, 'diff', '--from', 'a.sql', '--to', 'b.sql'], { cwd: dir, env, reject: false });
  t.is(r.exitCode, 1, r.stderr);
  const lines = r.stdout.split('\n').map((l) => l.trim());
  const minus = lines.find((l) => l.startsWith('-CREATE INDEX t_name_idx'));
  const plus = lines.find((l) => l.startsWith('+CREATE INDEX t_name_idx'));
  t.truthy(minus, r.stdout);
  t.truthy(plus, r.stdout);
  t.regex(plus!, /USING btree \(name, created_at DESC\) WHERE .*'a rather long literal to push the line past 100 characters'::text\)\)$/, 'the whole new definition, never cut');
  t.notRegex(r.stdout, /\.\.\."/);
  t.true(lines.indexOf(minus!) < lines.indexOf(plus!), 'old before new');
  t.true(lines.some((l) => /^-\s*WHERE \(\(t\.score > \(0\)::numeric\) AND \(t\.name IS NOT NULL\)\);?$/.test(l)), r.stdout);
  t.true(lines.some((l) => /^\+\s*WHERE \(\(t\.score > \(5\)::numeric\) AND \(t\.name IS NOT NULL\)\);?$/.test(l)), r.stdout);
  t.true(lines.some((l) => /^@@ -\d+,\d+ \+\d+,\d+ @@$/.test(l)));
  t.notRegex(r.stdout, /\x1b\[/, 'no colour when piped or with NO_COLOR');
  const forced = await execa('node', [FAS, 'diff', '--from', 'a.sql', '--to', 'b.sql'], { cwd: dir, env: { ...env, NO_COLOR: '', FORCE_COLOR: '1' }, reject: false });
  t.regex(forced.stdout, /\x1b\[31m-CREATE INDEX/);
});

test('unifiedDiff: hunks with context; colour decisions', (t) => {
  const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n');
  const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'].join('\n');
  t.deepEqual(unifiedDiff(a, b), ['@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8']);
  t.deepEqual(unifiedDiff(a, a), []);
  t.false(useColor({ env: { NO_COLOR: '1' }, color: true }));
  t.true(useColor({ env: {}, color: true }));
  t.false(useColor({ env: {}, color: false }));
});
