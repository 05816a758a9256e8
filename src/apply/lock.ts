/**
 * The session-level advisory lock that serializes fas runs on one database.
 * Session level, so it is released by the server when the connection dies
 * (kill -9 included); a transaction-level lock would not span several revisions.
 */
import { createHash } from 'node:crypto';
import type { Client } from '../util/db.js';
import { FasError } from '../util/errors.js';

/** A fixed 64-bit key: the first 8 bytes of sha256('fas'), as a signed bigint. */
export const FAS_LOCK_KEY: bigint = createHash('sha256').update('fas').digest().readBigInt64BE(0);

/** pg_locks shows a bigint advisory key as classid (high 32 bits) and objid (low 32 bits), objsubid 1. */
function lockParts(key: bigint): { classid: string; objid: string } {
  const u = BigInt.asUintN(64, key);
  return { classid: String(u >> 32n), objid: String(u & 0xffffffffn) };
}

export interface LockHolder {
  readonly pid: number;
  readonly applicationName: string;
  readonly clientAddr: string | null;
  readonly clientPort: number | null;
  readonly backendStart: string | null;
}

export async function lockHolders(client: Client, key: bigint = FAS_LOCK_KEY): Promise<LockHolder[]> {
  const { classid, objid } = lockParts(key);
  const r = await client.query<{ pid: number; application_name: string | null; client_addr: string | null; client_port: number | null; backend_start: Date | null }>(
    `SELECT a.pid, a.application_name, host(a.client_addr) AS client_addr, a.client_port, a.backend_start
       FROM pg_catalog.pg_locks l
       JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted
        AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
        AND l.classid = $1::oid AND l.objid = $2::oid AND l.objsubid = 1`,
    [classid, objid],
  );
  return r.rows.map((x) => ({
    pid: x.pid,
    applicationName: x.application_name ?? '',
    clientAddr: x.client_addr,
    clientPort: x.client_port,
    backendStart: x.backend_start ? x.backend_start.toISOString() : null,
  }));
}

export function describeHolder(h: LockHolder): string {
  const addr = h.clientAddr === null ? 'local socket' : `${h.clientAddr}${h.clientPort !== null ? `:${h.clientPort}` : ''}`;
  return `pid ${h.pid}, application_name ${JSON.stringify(h.applicationName)}, client ${addr}${h.backendStart ? `, connected since ${h.backendStart}` : ''}`;
}

export interface LockOptions {
  /** How long to keep trying, in seconds. */
  readonly waitSeconds: number;
  readonly pollMs?: number;
  readonly onWait?: (holders: readonly LockHolder[]) => void;
}

/** Take the lock, polling pg_try_advisory_lock with jittered backoff (never a blocking wait, which could deadlock a concurrent CREATE INDEX CONCURRENTLY); throws FasError LOCK (refused) naming the holder on timeout. */
export async function acquireLock(client: Client, opts: LockOptions, key: bigint = FAS_LOCK_KEY): Promise<void> {
  const deadline = Date.now() + opts.waitSeconds * 1000;
  const pollMs = opts.pollMs ?? 200;
  let told = false;
  let attempt = 0;
  for (;;) {
    const r = await client.query<{ ok: boolean }>('SELECT pg_catalog.pg_try_advisory_lock($1::bigint) AS ok', [String(key)]);
    if (r.rows[0]?.ok) return;
    if (!told && opts.onWait) {
      told = true;
      opts.onWait(await lockHolders(client, key));
    }
    if (Date.now() >= deadline) {
      const holders = await lockHolders(client, key);
      const who = holders.length ? holders.map(describeHolder).join('; ') : 'a session that released it meanwhile';
      throw new FasError('LOCK', `another fas run holds the migration lock after waiting ${opts.waitSeconds} s: ${who}`, { refused: true });
    }
    await new Promise((res) => setTimeout(res, Math.min(backoff(pollMs, attempt++), Math.max(0, deadline - Date.now()))));
  }
}

/** Jittered exponential backoff between polls: base * 1.5^attempt, capped at 2 s, then 50-100% of that, so that many waiters do not poll in step. */
export function backoff(baseMs: number, attempt: number): number {
  const ceiling = Math.min(2000, baseMs * 1.5 ** Math.min(attempt, 20));
  return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

export async function releaseLock(client: Client, key: bigint = FAS_LOCK_KEY): Promise<void> {
  await client.query('SELECT pg_catalog.pg_advisory_unlock($1::bigint)', [String(key)]);
}
