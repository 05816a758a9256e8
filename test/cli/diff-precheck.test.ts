/** fas diff and fas check read and check schema files before they contact any server: a forbidden statement is refused without starting the embedded server. */
import test from 'ava';
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');

test('a forbidden statement in schema/: exit 2 at file:line:col, no embedded server started, nothing run', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fas-diff-precheck-'));
  const canary = join(dir, 'owned.txt');
  try {
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 'x.sql'), `CREATE SCHEMA app;\nCOPY (SELECT 1) TO PROGRAM 'id > ${canary}';\n`);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const r = await execa('node', [FAS, 'diff'], { cwd: dir, env, extendEnv: false, reject: false });
    t.is(r.exitCode, 2, r.stdout + r.stderr);
    t.regex(r.stderr, /\[FORBIDDEN_STATEMENT\] schema\/x\.sql:2:1: COPY is not allowed/);
    t.false(existsSync(join(dir, '.fas')), 'the embedded server was started');
    t.false(existsSync(canary));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fas check, too: a forbidden statement is refused before the embedded server starts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fas-check-precheck-'));
  try {
    mkdirSync(join(dir, 'schema'));
    writeFileSync(join(dir, 'schema', 'x.sql'), `CREATE SCHEMA app;\nSELECT pg_sleep(3600);\n`);
    const env = { PATH: process.env.PATH, HOME: process.env.HOME };
    const r = await execa('node', [FAS, 'check'], { cwd: dir, env, extendEnv: false, reject: false });
    t.is(r.exitCode, 2, r.stdout + r.stderr);
    t.regex(r.stderr, /\[FORBIDDEN_STATEMENT\] schema\/x\.sql:2:1: SELECT is not allowed/);
    t.false(existsSync(join(dir, '.fas')), 'the embedded server was started');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
