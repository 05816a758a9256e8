/** Fixtures for the fleet tests: tiny projects, targets files, databases on several servers, the CLI spawned. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Statement } from '../../src/plan/statement.js';
import type { Revision } from '../../src/revisions/types.js';
import { writeRevision } from '../../src/revisions/write.js';
import { newRevisionId } from '../../src/revisions/revision-id.js';
import { createDb, servers } from '../support/servers.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FAS = join(ROOT, 'bin', 'fas.js');

export function stmt(sql: string, transactional = true): Statement {
  return { sql, hazards: [], transactional, lockTimeoutMs: 3000, statementTimeoutMs: 60_000, source: sql.split(/\s+/).slice(0, 4).join(' ').toLowerCase() };
}

export const SCHEMA_SQL = `CREATE TABLE public.items (id integer PRIMARY KEY, name text, price numeric);

CREATE TABLE public.notes (id integer PRIMARY KEY, body text);
`;

/** Two tiny revisions whose result is SCHEMA_SQL; the second creates public.notes (the object a test can plant to make it fail). */
export function tinyRevisions(extraSecond: Statement[] = []): [Revision, Revision] {
  const a = newRevisionId();
  const b = newRevisionId();
  return [
    { id: a, parent: null, message: 'Create items', created: '2026-01-01T00:00:00Z', upgrade: [stmt('CREATE TABLE public.items (id integer PRIMARY KEY, name text)')], downgrade: [stmt('DROP TABLE public.items')] },
    {
      id: b,
      parent: a,
      message: 'Price and notes',
      created: '2026-01-02T00:00:00Z',
      upgrade: [stmt('ALTER TABLE public.items ADD COLUMN price numeric'), ...extraSecond, stmt('CREATE TABLE public.notes (id integer PRIMARY KEY, body text)')],
      downgrade: [stmt('DROP TABLE public.notes'), stmt('ALTER TABLE public.items DROP COLUMN price')],
    },
  ];
}

export interface Project {
  readonly dir: string;
  readonly revisions: readonly Revision[];
  readonly targetsFile: string;
}

/** A project: schema/public/tables.sql, generated-migrations/, and fas.targets.yaml with the given text. */
export async function makeProject(t: { teardown(fn: () => Promise<void>): void }, targetsYaml: string, revisions: readonly Revision[] = tinyRevisions()): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-fleet-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'schema', 'public'), { recursive: true });
  await writeFile(join(dir, 'schema', 'public', 'tables.sql'), SCHEMA_SQL);
  for (const r of revisions) await writeRevision(join(dir, 'generated-migrations'), r);
  const targetsFile = join(dir, 'fas.targets.yaml');
  await writeFile(targetsFile, targetsYaml);
  return { dir, revisions, targetsFile };
}

export function fas(args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  return execa('node', [FAS, ...args], {
    reject: false,
    cwd: opts.cwd,
    env: { ...process.env, DATABASE_URL: '', FAS_PROD_DATABASE_URL: '', FAS_DEV_DATABASE_URL: '', ...opts.env },
  });
}

export interface ApplyDoc {
  head: string | null;
  ok: boolean;
  targets: { target: string; wave: string; from: string | null; to: string | null; statements: number; status: string; error: string | null; lockWaitMs: number | null }[];
}

export interface DriftDoc {
  head: string | null;
  inSync: boolean;
  targets: { target: string; status: string; revision: string | null; pending: number; group?: number; error?: string }[];
  replicas: { replica: string; primary: string; status: string; revision: string | null; lagBytes?: number; paused?: boolean; error?: string }[];
  groups: { id: number; count: number; targets: string[]; against: string; drift: { changes: { op: string; name: string }[] } }[];
}

export const NAMES = ['t1', 't2', 't3', 't4', 't5', 't6', 't7'];

export function targetsYaml(): string {
  const lines = ['max_parallel: 4', 'per_host: 3', 'waves:', '  - name: canary', '    targets: [t1]', '    on_error: stop', '  - name: rest', '    on_error: continue', 'targets:'];
  for (const n of NAMES) lines.push(`  - { name: ${n}, url_env: FAS_FLEET_${n.toUpperCase()}_URL, tags: [${n === 't7' ? 'pg18' : 'pg15'}] }`);
  return lines.join('\n') + '\n';
}

/** 6 databases on PostgreSQL 15 and one on the second server; the env that names them. */
export async function fleetDbs(t: { teardown(fn: () => Promise<void>): void }): Promise<{ env: Record<string, string>; urls: Record<string, string> }> {
  const [pg15, pg18] = servers();
  if (!pg18) throw new Error('FAS_TEST_PG18_URL is not set: run through test/support/run-tests.js');
  const env: Record<string, string> = {};
  const urls: Record<string, string> = {};
  for (const n of NAMES) {
    const db = await createDb(n === 't7' ? pg18 : pg15!, `fas_fleet_${n}`);
    t.teardown(db.drop);
    env[`FAS_FLEET_${n.toUpperCase()}_URL`] = db.url;
    urls[n] = db.url;
  }
  return { env, urls };
}

