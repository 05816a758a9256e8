/**
 * fas current and fas history as engine functions: read the revision directory
 * leniently (a broken chain is reported, not thrown) and, when there is a
 * target, what it has applied. The command line renders the result.
 */
import { readRevisionDirLenient, type ChainReading } from '../revisions/chain.js';
import { configuredTarget } from '../apply/target.js';
import { readTargetStatus } from '../apply/inspect.js';
import type { ChainStatus } from '../apply/status.js';
import { currentRevision, statusProblems, type StatusProblems } from '../apply/status-report.js';
import { FasError } from '../util/errors.js';
import { withTarget } from './with-target.js';

export interface StatusFlowOptions {
  /** The revision directory (absolute). */
  readonly dir: string;
  /** --db URL; else DATABASE_URL (current: else the embedded server of `cwd`). */
  readonly db?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** Progress and warnings (stderr). */
  readonly log: (text: string) => void;
}

export interface StatusFlowResult {
  readonly reading: ChainReading;
  /** A target was configured (always true for current). */
  readonly hasTarget: boolean;
  /** What the target applied; absent without a target or when it could not be reached (history). */
  readonly status?: ChainStatus;
  /** history: why the configured target could not be read. */
  readonly targetError?: string;
  /** The revision the database is at (alembic_version when the applied head lies beyond a break in the chain); null at base or without a target. */
  readonly current: string | null;
  readonly problems: StatusProblems;
  /** The chain from base is broken: its head and the pending revisions are unknown. */
  readonly broken: boolean;
}

function result(reading: ChainReading, hasTarget: boolean, status: ChainStatus | undefined, targetError?: string): StatusFlowResult {
  const problems = statusProblems(reading, status);
  return { reading, hasTarget, status, targetError, current: currentRevision(reading, status), problems, broken: problems.chain.length > 0 };
}

/** fas current always reads a target. */
export type CurrentFlowResult = StatusFlowResult & { readonly status: ChainStatus };

/** The target's revision (the embedded server when none is configured) against the revision directory. */
export async function currentFlow(o: StatusFlowOptions): Promise<CurrentFlowResult> {
  const reading = await readRevisionDirLenient(o.dir);
  const status = await withTarget(o, (url) => readTargetStatus(url, reading.chain, 'current'));
  return { ...result(reading, true, status), status };
}

/** The revision directory, and what a configured target applied; an unreachable target is a warning. */
export async function historyFlow(o: StatusFlowOptions): Promise<StatusFlowResult> {
  const reading = await readRevisionDirLenient(o.dir);
  const url = configuredTarget({ db: o.db }, o.env);
  if (!url) return result(reading, false, undefined);
  try {
    return result(reading, true, await readTargetStatus(url, reading.chain, 'history'));
  } catch (e) {
    if (!(e instanceof FasError) || e.code !== 'CONNECT') throw e;
    o.log(`warning: ${e.message}; showing the files only\n`);
    return result(reading, true, undefined, e.message);
  }
}
