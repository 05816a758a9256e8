/**
 * A streaming replica of a fleet target: confirmed in recovery, its revision
 * read from the replicated history, its lag measured from the replay LSN
 * against the primary's WAL position read just before.
 */
import { readDbState } from '../apply/history-store.js';
import { chainStatus } from '../apply/status.js';
import type { RevisionChain } from '../revisions/types.js';
import { withClient } from '../util/db.js';
import { firstLine, isUnreachable } from './errors.js';
import { lsnBytes, readSession, replayPosition, retryOnReplayConflict, type ReplayPosition } from './read-target.js';
import type { Endpoint } from './targets.js';

/** How long a replica may take to replay up to the primary's position before it counts as lagging. */
export const DEFAULT_SYNC_WAIT_MS = 3000;

export interface ReplicaReport {
  readonly replica: string;
  readonly primary: string;
  readonly host: string;
  readonly status: 'in-sync' | 'lagging' | 'unreachable' | 'misconfigured';
  readonly revision?: string | null;
  readonly replayLsn?: string | null;
  readonly primaryLsn?: string;
  readonly lagBytes?: number;
  readonly paused?: boolean;
  readonly replayAgeSeconds?: number | null;
  readonly error?: string;
}

function behind(primaryLsn: string, pos: ReplayPosition): bigint {
  if (pos.replayLsn === null) return lsnBytes(primaryLsn);
  const d = lsnBytes(primaryLsn) - lsnBytes(pos.replayLsn);
  return d > 0n ? d : 0n;
}

export async function checkReplica(
  r: Endpoint,
  primary: { name: string; walLsn: string; revision: string | null },
  chain: RevisionChain,
  opts: { syncWaitMs?: number } = {},
): Promise<ReplicaReport> {
  const base = { replica: r.name, primary: primary.name, host: r.host, primaryLsn: primary.walLsn };
  if (!r.url) return { ...base, status: 'unreachable', error: `[CONFIG] the environment variable ${r.urlEnv} is not set` };
  try {
    return await withClient(r.url, readSession('diff --prod replica'), async (c) => {
      let pos = await replayPosition(c);
      if (!pos.inRecovery) return { ...base, status: 'misconfigured', error: 'the server is not in recovery: not a streaming replica (promoted?)' } as const;
      const deadline = Date.now() + (opts.syncWaitMs ?? DEFAULT_SYNC_WAIT_MS);
      while (behind(primary.walLsn, pos) > 0n && !pos.paused && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 100));
        pos = await replayPosition(c);
      }
      const state = await retryOnReplayConflict(async () => {
        await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        try {
          return await readDbState(c);
        } finally {
          await c.query('ROLLBACK').catch(() => undefined);
        }
      });
      const revision = chainStatus(chain, state).current;
      const lag = behind(primary.walLsn, pos);
      const report = { ...base, revision, replayLsn: pos.replayLsn, lagBytes: Number(lag), paused: pos.paused, replayAgeSeconds: pos.replayAgeSeconds };
      if (lag > 0n) return { ...report, status: 'lagging' } as const;
      if (revision !== primary.revision) return { ...report, status: 'lagging', error: `replica at ${revision ?? 'base'}, primary at ${primary.revision ?? 'base'}` } as const;
      return { ...report, status: 'in-sync' } as const;
    });
  } catch (e) {
    return { ...base, status: isUnreachable(e) ? 'unreachable' : 'misconfigured', error: firstLine(e) };
  }
}
