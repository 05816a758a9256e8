/** Every command resolves the target the same way: a DATABASE_URL that is not a connection string is one CONFIG error, whatever the command, with nothing started. */
import test from 'ava';
import { execa } from 'execa';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');

for (const args of [['diff'], ['apply'], ['plan', '-m', 'x'], ['history']]) {
  test(`fas ${args[0]}: a DATABASE_URL that is no connection string is a CONFIG error, no embedded server started`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'fas-target-url-'));
    try {
      mkdirSync(join(dir, 'schema'));
      mkdirSync(join(dir, 'generated-migrations'));
      writeFileSync(join(dir, 'schema', 'x.sql'), 'CREATE SCHEMA app;\n');
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: 'fundamental_analysis' };
      const r = await execa('node', [FAS, ...args], { cwd: dir, env, extendEnv: false, reject: false });
      t.is(r.exitCode, 2, r.stdout + r.stderr);
      t.regex(r.stderr, /\[CONFIG\] the target must be a postgresql:\/\/ URI or libpq key=value pairs/);
      t.false(existsSync(join(dir, '.fas')), 'the embedded server was started');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
