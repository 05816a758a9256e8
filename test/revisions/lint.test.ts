import test from 'ava';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/command.js';
import { lintPythonSource } from '../../src/revisions/lint-python.js';
import { writeRevision } from '../../src/revisions/write.js';
import { rev, stmt } from './support.js';

async function fas(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), cwd, env: {} };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

async function project(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'fas-lint-'));
  await mkdir(join(d, 'generated-migrations'));
  return d;
}

const FN = `CREATE FUNCTION app.f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'a;b'; RETURN 1; END $$`;

test('clean revision files lint clean; an edited one is a checksum finding at file:line', async (t) => {
  const d = await project();
  const gm = join(d, 'generated-migrations');
  await writeRevision(gm, rev('aaaaaaaaaaaa', null, 'first', [stmt('CREATE SCHEMA app'), stmt(FN)], [stmt('DROP SCHEMA app CASCADE')]));
  const p = await writeRevision(gm, rev('bbbbbbbbbbbb', 'aaaaaaaaaaaa', 'second'));
  let r = await fas(d, 'lint');
  t.is(r.code, 0, r.stdout + r.stderr);
  t.is(r.stdout, '');
  await writeFile(p, (await readFile(p, 'utf8')).replace('SELECT 1;', 'SELECT 2;'));
  r = await fas(d, 'lint');
  t.is(r.code, 1);
  t.regex(r.stdout, /^generated-migrations\/bbbbbbbbbbbb_second\.sql:6:1: error: the file was edited after it was written.*\[checksum\]$/m);
  r = await fas(d, 'lint', '--format', 'json');
  const doc = JSON.parse(r.stdout) as { files: number; findings: { rule: string; line: number }[] };
  t.is(doc.files, 2);
  t.deepEqual(doc.findings.map((f) => [f.rule, f.line]), [['checksum', 6]]);
});

test('lint reports chain problems, garbage and bad statements, and a single file can be linted', async (t) => {
  const d = await project();
  const gm = join(d, 'generated-migrations');
  await writeRevision(gm, rev('aaaaaaaaaaaa', null, 'first'));
  await writeRevision(gm, rev('cccccccccccc', 'bbbbbbbbbbbb', 'orphan'));
  await writeFile(join(gm, 'junk.sql'), 'SELECT 1;\n');
  const r = await fas(d, 'lint');
  t.is(r.code, 1);
  t.regex(r.stdout, /generated-migrations\/cccccccccccc_orphan\.sql:1:1: error: parent revision bbbbbbbbbbbb of cccccccccccc is missing/);
  t.regex(r.stdout, /generated-migrations\/junk\.sql:1:1: error: not a fas revision file/);
  const one = await fas(d, 'lint', 'generated-migrations/aaaaaaaaaaaa_first.sql');
  t.is(one.code, 0, one.stdout);
  const missing = await fas(d, 'lint', 'nope');
  t.is(missing.code, 2);
  t.regex(missing.stderr, /nope does not exist/);
});

const BAD_PY = `"""hand-written"""
from alembic import op
import sqlalchemy as sa

revision = '1234567890ab'
down_revision = None


def upgrade():
    op.execute("CREATE SCHEMA a")  # fine
    op.execute(
        """
        CREATE TABLE a.t (id int);
        CREATE TABLE a.u (id int);
        """
    )
    op.execute(sa.text('CREATE TABLE a.v (x text DEFAULT \\'a;b\\'); DROP TABLE a.u'))
    op.execute(r"CREATE FUNCTION a.f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$")
    op.execute("SELECT 1::int")
    op.execute(f"CREATE TABLE {name} (id int)")
    op.execute("SELECT 1" + "; SELECT 2")
    op.execute('SELECT 1; ' 'SELECT 2')
    op.execute("SELEC 1")


def downgrade():
    op.execute("DROP SCHEMA a CASCADE")
`;

test('lint flags multi-statement op.execute at file:line, warns on what it cannot evaluate, accepts single statements', async (t) => {
  const f = await lintPythonSource('versions/x.py', BAD_PY);
  const got = f.map((x) => `${x.line}:${x.column} ${x.severity} ${x.rule}`);
  t.deepEqual(got, [
    '11:5 error multiple-statements',
    '17:5 error multiple-statements',
    '20:5 warning not-checkable',
    '21:5 warning not-checkable',
    '22:5 error multiple-statements',
    '23:5 error sql-syntax',
  ]);
  t.regex(f[0]!.message, /holds 2 SQL statements.*cannot insert multiple commands into a prepared statement/);
  t.regex(f[2]!.message, /f-string/);

  const d = await project();
  await mkdir(join(d, 'alembic', 'versions'), { recursive: true });
  await writeFile(join(d, 'alembic', 'versions', 'x.py'), BAD_PY);
  const r = await fas(d, 'lint', 'alembic');
  t.is(r.code, 1);
  t.regex(r.stdout, /^alembic\/versions\/x\.py:11:5: error: op\.execute holds 2 SQL statements/m);
  await writeFile(join(d, 'clean.py'), 'from alembic import op\n\ndef upgrade():\n    op.execute("CREATE SCHEMA a")\n    op.execute(\'\'\'CREATE TABLE a.t (x text DEFAULT \'a;b\')\'\'\')\n');
  const clean = await fas(d, 'lint', 'clean.py');
  t.is(clean.code, 0, clean.stdout);
});
