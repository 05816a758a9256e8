/** Bad input through the command line: a coded error on stderr with file:line:col, exit 2, nothing written. */
import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, writeFile, mkdir, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, servers } from '../support/servers.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const server = servers()[0]!;

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-bad-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

const CASES: [string, Record<string, string>, RegExp][] = [
  ['malformed YAML', { 'schema/app/t.yaml': 'table: app.t\ncolumns:\n  - name: a\n    type: [int\n' }, /\[YAML\] .*t\.yaml:\d+:\d+/],
  ['an unknown column type', { 'schema/app/t.yaml': 'table: app.t\ncomment: t\ncolumns:\n  - name: a\n    type: integr\n    comment: a\n' }, /\[UNKNOWN_TYPE\] .*t\.yaml:5:11/],
  ['an SQL syntax error', { 'schema/app/v.sql': 'CREATE TABLE app.t (a int);\nCREATE VIEW app.v AS SELEC a FROM app.t;\n' }, /\[SQL_SYNTAX\] .*v\.sql:2:\d+/],
  ['two files defining one object', { 'schema/app/a.sql': 'CREATE TABLE app.t (a int);\n', 'schema/app/b.sql': 'CREATE TABLE app.t (b int);\n' }, /\[DUPLICATE_OBJECT\].*a\.sql:1.*b\.sql:1|\[DUPLICATE_OBJECT\].*b\.sql:1.*a\.sql:1/],
  ['a reference to an undeclared object', { 'schema/app/v.sql': 'CREATE VIEW app.v AS SELECT x FROM app.missing;\n' }, /\[UNDECLARED_REFERENCE\] .*v\.sql:1:\d+.*app\.missing/],
];

for (const [name, files, pattern] of CASES)
  test(`${name}: exit 2, coded error with the location, nothing written`, async (t) => {
    const db = await createDb(server, 'fas_bad');
    try {
      const dir = await project(files);
      const r = await execa('node', [FAS, 'plan', '-m', 'x', '--db', db.url, '--dev-url', server.adminUrl], { cwd: dir, reject: false });
      t.is(r.exitCode, 2, r.stderr);
      t.regex(r.stderr, pattern);
      t.deepEqual(await readdir(dir), ['schema'], 'no generated-migrations written');
    } finally {
      await db.drop();
    }
  });
