/** Fixtures for the apply tests: hand-made statements, revision files written by writeRevision, the CLI spawned. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import type { Hazard } from '../../src/plan/hazards.js';
import { hazard } from '../../src/plan/hazards.js';
import type { Statement } from '../../src/plan/statement.js';
import type { Revision } from '../../src/revisions/types.js';
import { writeRevision } from '../../src/revisions/write.js';
import { newRevisionId } from '../../src/revisions/revision-id.js';
import { query } from '../support/servers.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FAS = join(ROOT, 'bin', 'fas.js');

export function stmt(sql: string, opts: { hazards?: Hazard[]; transactional?: boolean; lockTimeoutMs?: number; statementTimeoutMs?: number; source?: string } = {}): Statement {
  return {
    sql,
    hazards: opts.hazards ?? [],
    transactional: opts.transactional ?? true,
    lockTimeoutMs: opts.lockTimeoutMs ?? 3000,
    statementTimeoutMs: opts.statementTimeoutMs ?? 60_000,
    source: opts.source ?? sql.split(/\s+/).slice(0, 4).join(' ').toLowerCase(),
  };
}

export const revId = newRevisionId;

export function rev(id: string, parent: string | null, message: string, upgrade: Statement[], downgrade: Statement[]): Revision {
  return { id, parent, message, created: '2026-01-01T00:00:00Z', upgrade, downgrade };
}

export async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-apply-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export async function writeRevisions(dir: string, revs: readonly Revision[]): Promise<string[]> {
  const paths: string[] = [];
  for (const r of revs) paths.push(await writeRevision(dir, r));
  return paths;
}

/** The usual two revisions: a table, then a column and a concurrently built index. */
export function twoRevisions(): [Revision, Revision] {
  const a = revId();
  const b = revId();
  return [
    rev(a, null, 'Create items', [stmt('CREATE TABLE public.items (id integer PRIMARY KEY, name text)')], [stmt('DROP TABLE public.items', { hazards: [hazard.dropsTable('public.items')] })]),
    rev(
      b,
      a,
      'Add price',
      [
        stmt('ALTER TABLE public.items ADD COLUMN price numeric'),
        stmt('CREATE INDEX CONCURRENTLY items_name_idx ON public.items (name)', { transactional: false, hazards: [hazard.notTransactional('CREATE INDEX CONCURRENTLY')] }),
      ],
      [
        stmt('DROP INDEX CONCURRENTLY public.items_name_idx', { transactional: false }),
        stmt('ALTER TABLE public.items DROP COLUMN price', { hazards: [hazard.dropsColumn('public.items.price')] }),
      ],
    ),
  ];
}

export function fas(args: string[], opts: { db: string; dir: string }): ResultPromise<{ reject: false; cwd: string; env: NodeJS.ProcessEnv }> {
  return execa('node', [FAS, ...args, '--db', opts.db, '--dir', opts.dir], { reject: false, cwd: ROOT, env: { ...process.env, DATABASE_URL: '' } });
}

export async function alembicVersion(url: string): Promise<string[]> {
  return (await query<{ version_num: string }>(url, 'SELECT version_num FROM public.alembic_version ORDER BY 1')).map((r) => r.version_num);
}

export async function historyRows(url: string): Promise<{ revision: string; direction: string }[]> {
  return query(url, 'SELECT revision, direction FROM fas.revision_history ORDER BY id');
}

/** User tables outside fas.* and public.alembic_version. */
export async function userTables(url: string): Promise<string[]> {
  const rows = await query<{ name: string }>(
    url,
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'fas') AND n.nspname NOT LIKE 'pg_toast%'
        AND NOT (n.nspname = 'public' AND c.relname = 'alembic_version') ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

export async function columns(url: string, table: string): Promise<string[]> {
  const rows = await query<{ attname: string }>(url, 'SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum', [table]);
  return rows.map((r) => r.attname);
}

/** Await a fas run that must succeed, showing its stderr when it does not. */
export async function applied(t: { is(a: unknown, b: unknown, m?: string): void }, run: PromiseLike<{ exitCode?: number; stderr: string }>): Promise<void> {
  const r = await run;
  t.is(r.exitCode, 0, r.stderr);
}

/** Poll fn every pollMs until it returns something other than undefined; throw naming `what` after timeoutMs. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, pollMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
