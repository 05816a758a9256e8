/**
 * fas's bookkeeping in the target: fas.revision_history (one row per applied
 * or reverted revision), fas.revision_steps (finished non-transactional steps
 * of a revision in progress, so a failed run resumes after them), and
 * public.alembic_version kept at the applied head as Alembic keeps it.
 */
import { hostname } from 'node:os';
import type { Client } from '../util/db.js';
import { fasVersion } from '../util/version.js';

export type Direction = 'upgrade' | 'downgrade';

/** Idempotent; run under the advisory lock. */
export const HISTORY_DDL: readonly string[] = [
  'CREATE SCHEMA IF NOT EXISTS fas',
  `CREATE TABLE IF NOT EXISTS fas.revision_history (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  revision varchar(32) NOT NULL,
  parent varchar(32),
  direction text NOT NULL CHECK (direction IN ('upgrade', 'downgrade')),
  message text NOT NULL,
  checksum text NOT NULL,
  statements integer NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
  duration_ms integer NOT NULL,
  applied_by name NOT NULL DEFAULT CURRENT_USER,
  client_host text NOT NULL,
  client_pid integer NOT NULL,
  fas_version text NOT NULL
)`,
  'CREATE INDEX IF NOT EXISTS revision_history_revision_idx ON fas.revision_history (revision, id)',
  `CREATE TABLE IF NOT EXISTS fas.revision_steps (
  revision varchar(32) NOT NULL,
  direction text NOT NULL CHECK (direction IN ('upgrade', 'downgrade')),
  step integer NOT NULL,
  checksum text NOT NULL,
  finished_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
  PRIMARY KEY (revision, direction, step)
)`,
  // 'run': fas ran the revision's statements; 'stamp': fas stamp recorded it for a database built by another tool
  "ALTER TABLE fas.revision_history ADD COLUMN IF NOT EXISTS how text NOT NULL DEFAULT 'run' CHECK (how IN ('run', 'stamp'))",
  `CREATE TABLE IF NOT EXISTS public.alembic_version (
  version_num varchar(32) NOT NULL,
  CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
)`,
];

export async function ensureHistoryTables(client: Client): Promise<void> {
  for (const sql of HISTORY_DDL) await client.query(sql);
}

/** The latest event of one revision. */
export interface AppliedRevision {
  readonly revision: string;
  readonly parent: string | null;
  readonly message: string;
  readonly checksum: string;
  readonly appliedAt: string;
  readonly durationMs: number;
  readonly appliedBy: string;
}

export interface DbState {
  /** false when fas.revision_history does not exist yet (nothing ever applied by fas). */
  readonly tracked: boolean;
  /** Revisions whose latest event is an upgrade, by id. */
  readonly applied: ReadonlyMap<string, AppliedRevision>;
  /** public.alembic_version rows; undefined when the table does not exist. */
  readonly alembicVersion: readonly string[] | undefined;
  /** Finished steps of revisions in progress: `${revision}:${direction}` -> step number -> file checksum. */
  readonly finishedSteps: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

async function exists(client: Client, relation: string): Promise<boolean> {
  const r = await client.query<{ oid: string | null }>('SELECT pg_catalog.to_regclass($1)::oid AS oid', [relation]);
  return r.rows[0]?.oid != null;
}

/** Read the state without creating anything (dry runs, history, current use it as is). */
export async function readDbState(client: Client): Promise<DbState> {
  const tracked = await exists(client, 'fas.revision_history');
  const applied = new Map<string, AppliedRevision>();
  const finishedSteps = new Map<string, Map<number, string>>();
  if (tracked) {
    const r = await client.query<{ revision: string; parent: string | null; direction: Direction; message: string; checksum: string; applied_at: Date; duration_ms: number; applied_by: string }>(
      `SELECT DISTINCT ON (revision) revision, parent, direction, message, checksum, applied_at, duration_ms, applied_by
         FROM fas.revision_history ORDER BY revision, id DESC`,
    );
    for (const x of r.rows) {
      if (x.direction !== 'upgrade') continue;
      applied.set(x.revision, {
        revision: x.revision,
        parent: x.parent,
        message: x.message,
        checksum: x.checksum,
        appliedAt: x.applied_at.toISOString(),
        durationMs: x.duration_ms,
        appliedBy: x.applied_by,
      });
    }
  }
  if (await exists(client, 'fas.revision_steps')) {
    const r = await client.query<{ revision: string; direction: Direction; step: number; checksum: string }>('SELECT revision, direction, step, checksum FROM fas.revision_steps');
    for (const x of r.rows) {
      const k = stepKey(x.revision, x.direction);
      if (!finishedSteps.has(k)) finishedSteps.set(k, new Map());
      finishedSteps.get(k)!.set(x.step, x.checksum);
    }
  }
  let alembicVersion: string[] | undefined;
  if (await exists(client, 'public.alembic_version')) {
    alembicVersion = (await client.query<{ version_num: string }>('SELECT version_num FROM public.alembic_version ORDER BY 1')).rows.map((x) => x.version_num);
  }
  return { tracked, applied, alembicVersion, finishedSteps };
}

export function stepKey(revision: string, direction: Direction): string {
  return `${revision}:${direction}`;
}

export interface HistoryEvent {
  readonly revision: string;
  readonly parent: string | null;
  readonly direction: Direction;
  readonly message: string;
  readonly checksum: string;
  readonly statements: number;
  readonly durationMs: number;
}

/** Inside the revision's transaction: the history row, alembic_version moved, the step records cleared. */
export async function recordEvent(client: Client, e: HistoryEvent, newHead: string | null): Promise<void> {
  await client.query(
    `INSERT INTO fas.revision_history (revision, parent, direction, message, checksum, statements, duration_ms, client_host, client_pid, fas_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [e.revision, e.parent, e.direction, e.message, e.checksum, e.statements, Math.round(e.durationMs), hostname(), process.pid, fasVersion()],
  );
  await client.query('DELETE FROM fas.revision_steps WHERE revision = $1 AND direction = $2', [e.revision, e.direction]);
  await client.query('DELETE FROM public.alembic_version');
  if (newHead !== null) await client.query('INSERT INTO public.alembic_version (version_num) VALUES ($1)', [newHead]);
}

/** A finished step of a revision still in progress (a non-transactional statement, or a committed group before one). */
export async function recordStep(client: Client, revision: string, direction: Direction, step: number, checksum: string): Promise<void> {
  await client.query(
    `INSERT INTO fas.revision_steps (revision, direction, step, checksum) VALUES ($1, $2, $3, $4)
     ON CONFLICT (revision, direction, step) DO UPDATE SET checksum = EXCLUDED.checksum, finished_at = pg_catalog.clock_timestamp()`,
    [revision, direction, step, checksum],
  );
}

/**
 * fas stamp: record revisions as applied without running them (the database
 * was built by Alembic or by hand and checked to match), and set
 * alembic_version to the last. One transaction; run under the advisory lock.
 */
export async function recordStamp(client: Client, revisions: readonly { id: string; parent: string | null; message: string; actualChecksum: string; upgrade: readonly unknown[] }[]): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const r of revisions)
      await client.query(
        `INSERT INTO fas.revision_history (revision, parent, direction, message, checksum, statements, duration_ms, client_host, client_pid, fas_version, how)
         VALUES ($1, $2, 'upgrade', $3, $4, $5, 0, $6, $7, $8, 'stamp')`,
        [r.id, r.parent, r.message, r.actualChecksum, r.upgrade.length, hostname(), process.pid, fasVersion()],
      );
    await client.query('DELETE FROM public.alembic_version');
    const head = revisions[revisions.length - 1];
    if (head) await client.query('INSERT INTO public.alembic_version (version_num) VALUES ($1)', [head.id]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
