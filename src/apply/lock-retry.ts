/**
 * Lock timeouts retried: a step that could not get its lock within its short
 * lock_timeout (SQLSTATE 55P03) or lost a deadlock (40P01) is rolled back and
 * tried again after an exponential backoff with jitter, so that fas never
 * queues writers behind it for long and still gets through once the table is free.
 */
import type { DatabaseError } from 'pg';

export const DEFAULT_LOCK_RETRIES = 5;
export const DEFAULT_RETRY_BASE_MS = 500;
const MAX_DELAY_MS = 30_000;

export function pgError(e: unknown): DatabaseError | undefined {
  return e && typeof e === 'object' && 'severity' in e && 'code' in e ? (e as DatabaseError) : undefined;
}

/** Whether an error is a lock wait that gave up (lock_timeout) or a deadlock: worth another try. */
export function isLockFailure(e: unknown): boolean {
  const code = pgError(e)?.code;
  return code === '55P03' || code === '40P01';
}

/** The wait before retry `attempt` (1-based): base * 2^(attempt-1), capped, with +-50% jitter. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exp = Math.min(MAX_DELAY_MS, baseMs * 2 ** (attempt - 1));
  return Math.round(exp * (0.5 + random()));
}

export interface RetryOptions {
  readonly retries: number;
  readonly baseMs: number;
  /** Called before each retry: which one, of how many, after how long. */
  readonly onRetry: (attempt: number, of: number, delayMs: number, error: unknown) => void | Promise<void>;
}

/** Run `attempt` until it succeeds, fails with something other than a lock failure, or the retries are used up. */
export async function withLockRetries<T>(attempt: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isLockFailure(e) || n > opts.retries) throw e;
      const delay = backoffMs(n, opts.baseMs);
      await opts.onRetry(n, opts.retries, delay, e);
      await new Promise((res) => setTimeout(res, delay));
    }
  }
}
