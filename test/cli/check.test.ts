/**
 * fas check for CI: the revisions reach schema/ (exit 0); a column added to
 * schema/ without a revision, or an edited revision file, is exit 1 naming it.
 * The revision chain is also a `fas diff` source.
 */
import test from 'ava';
import { execa } from 'execa';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servers } from '../support/servers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FAS = join(ROOT, 'bin', 'fas.js');
const server = servers().at(-1)!; // PostgreSQL 18 when the runner started it
const env = { ...process.env, FAS_DEV_DATABASE_URL: server.adminUrl, DATABASE_URL: '' };

async function copyProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-check-'));
  await cp(join(ROOT, 'schema'), join(dir, 'schema'), { recursive: true });
  await cp(join(ROOT, 'generated-migrations'), join(dir, 'generated-migrations'), { recursive: true });
  return dir;
}

test.serial('the repository as committed: fas check exits 0, and diff --from revisions --to schema finds nothing', async (t) => {
  const r = await execa('node', [FAS, 'check'], { cwd: ROOT, env, reject: false });
  t.is(r.exitCode, 0, r.stdout + r.stderr);
  t.regex(r.stdout, /^ok: the 1 revision\(s\) of generated-migrations \(head a125ac7b2db7\) reach schema exactly/m);
  const d = await execa('node', [FAS, 'diff', '--from', 'revisions', '--to', 'schema'], { cwd: ROOT, env, reject: false });
  t.is(d.exitCode, 0, d.stdout + d.stderr);
});

test.serial('a column added to schema/ without a revision: exit 1 naming the table; diff --from revisions shows it', async (t) => {
  const dir = await copyProject();
  const yaml = join(dir, 'schema', 'outcomes', 'actuals.yaml');
  const text = await readFile(yaml, 'utf8');
  await writeFile(yaml, text.replace('columns:\n', 'columns:\n  - name: note\n    type: text\n    comment: A note.\n'));
  const r = await execa('node', [FAS, 'check'], { cwd: dir, env, reject: false });
  t.is(r.exitCode, 1, r.stdout + r.stderr);
  t.regex(r.stdout, /no revision in generated-migrations holds; run `fas plan/);
  t.regex(r.stdout, /~ table outcomes\.actuals/);
  t.regex(r.stdout, /columns\.note/);
  const json = await execa('node', [FAS, 'check', '--format', 'json'], { cwd: dir, env, reject: false });
  t.is(json.exitCode, 1);
  const doc = JSON.parse(json.stdout) as { ok: boolean; missing: { changes: { name: string }[] } };
  t.false(doc.ok);
  t.true(doc.missing.changes.some((c) => c.name.includes('outcomes.actuals')));
  const d = await execa('node', [FAS, 'diff', '--from', 'revisions', '--to', 'schema', '--format', 'sql'], { cwd: dir, env, reject: false });
  t.is(d.exitCode, 1);
  t.regex(d.stdout, /ALTER TABLE outcomes\.actuals ADD COLUMN note text/);
});

test.serial('a revision file edited after it was written: exit 1 naming the file', async (t) => {
  const dir = await copyProject();
  const file = join(dir, 'generated-migrations', 'a125ac7b2db7_initial_schema.sql');
  await writeFile(file, (await readFile(file, 'utf8')).replace('CREATE SCHEMA metadata;', 'CREATE SCHEMA metadata ;'));
  const r = await execa('node', [FAS, 'check'], { cwd: dir, env, reject: false });
  t.is(r.exitCode, 1, r.stdout + r.stderr);
  t.regex(r.stdout, /^EDITED: generated-migrations\/a125ac7b2db7_initial_schema\.sql \(revision a125ac7b2db7\) changed after it was written/m);
});
