/**
 * Read-only reads of a fleet member: a primary's catalog, history and WAL
 * position; a replica's recovery state, replay position and replicated history.
 * Every session is read-only with a short statement_timeout.
 */
import type { Catalog } from '../catalog/model.js';
import { introspect } from '../introspect/read.js';
import { readDbState, type DbState } from '../apply/history-store.js';
import { withClient, type Client } from '../util/db.js';

export const FLEET_STATEMENT_TIMEOUT_MS = 30_000;
export const FLEET_CONNECT_TIMEOUT_MS = 10_000;

function session(name: string) {
  return { readOnly: true, statementTimeoutMs: FLEET_STATEMENT_TIMEOUT_MS, connectTimeoutMs: FLEET_CONNECT_TIMEOUT_MS, applicationName: `fas ${name}` };
}

export interface PrimaryRead {
  readonly inRecovery: boolean;
  readonly serverVersion: number;
  readonly catalog?: Catalog;
  readonly state: DbState;
  /** pg_current_wal_lsn() after the reads (null on a server in recovery). */
  readonly walLsn: string | null;
}

async function inRecovery(c: Client): Promise<boolean> {
  return (await c.query<{ r: boolean }>('SELECT pg_catalog.pg_is_in_recovery() AS r')).rows[0]!.r;
}

/** Catalog (unless withCatalog is false) and history in one REPEATABLE READ READ ONLY snapshot, then the WAL position. */
export async function readPrimary(url: string, opts: { withCatalog: boolean; command: string }): Promise<PrimaryRead> {
  return withClient(url, session(opts.command), async (c) => {
    const recovery = await inRecovery(c);
    const v = Number((await c.query<{ v: string }>("SELECT pg_catalog.current_setting('server_version_num') AS v")).rows[0]!.v);
    const catalog = opts.withCatalog ? await introspect(c) : undefined;
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    let state: DbState;
    try {
      state = await readDbState(c);
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
    }
    const walLsn = recovery ? null : (await c.query<{ lsn: string }>('SELECT pg_catalog.pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    return { inRecovery: recovery, serverVersion: v, catalog, state, walLsn };
  });
}

/** "16/B374D848" -> bytes. */
export function lsnBytes(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt('0x' + hi) << 32n) + BigInt('0x' + lo);
}

export interface ReplayPosition {
  readonly inRecovery: boolean;
  readonly replayLsn: string | null;
  readonly receiveLsn: string | null;
  readonly paused: boolean;
  /** Seconds since the last replayed transaction committed on the primary (null when none was replayed). */
  readonly replayAgeSeconds: number | null;
}

export async function replayPosition(c: Client): Promise<ReplayPosition> {
  const recovery = await inRecovery(c);
  if (!recovery) return { inRecovery: false, replayLsn: null, receiveLsn: null, paused: false, replayAgeSeconds: null };
  const r = await c.query<{ replay: string | null; receive: string | null; paused: boolean; age: number | null }>(
    `SELECT pg_catalog.pg_last_wal_replay_lsn()::text AS replay, pg_catalog.pg_last_wal_receive_lsn()::text AS receive,
            pg_catalog.pg_is_wal_replay_paused() AS paused,
            extract(epoch FROM pg_catalog.clock_timestamp() - pg_catalog.pg_last_xact_replay_timestamp())::float8 AS age`,
  );
  const x = r.rows[0]!;
  return { inRecovery: true, replayLsn: x.replay, receiveLsn: x.receive, paused: x.paused, replayAgeSeconds: x.age };
}

/** A query on a hot standby may be cancelled by replay ("conflict with recovery", SQLSTATE 40001): retry it. */
export async function retryOnReplayConflict<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const code = (e as { code?: string }).code;
      const conflict = code === '40001' && /conflict with recovery/i.test((e as Error).message);
      if (!conflict || i >= attempts) throw e;
      await new Promise((res) => setTimeout(res, 100 * i + Math.random() * 100));
    }
  }
}

export { session as readSession };
