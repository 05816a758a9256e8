/**
 * apply / downgrade over a fleet: each target through the single-target
 * executor (its own advisory lock, history and hazards gate), waves and
 * concurrency from the targets file. Each target's own history is the truth:
 * running the same command again resumes where every target stands.
 */
import { applyRevisions, downgradeRevisions, type DowngradeTarget, type ExecOptions, type ExecResult } from '../apply/executor.js';
import { type AllowedHazards, type HazardRules, readHazardPolicy, sizeGateReport } from '../apply/hazard-gate.js';
import { findRevision } from '../apply/status.js';
import type { RevisionChain } from '../revisions/types.js';
import { FasError } from '../util/errors.js';
import { firstLine, isUnreachable } from './errors.js';
import { runFleet } from './schedule.js';
import type { Fleet, FleetTarget, Wave } from './targets.js';

export type FleetMode = { readonly kind: 'upgrade'; readonly to?: string } | { readonly kind: 'downgrade'; readonly target: DowngradeTarget };

export type ApplyStatus = 'applied' | 'reverted' | 'up-to-date' | 'would-run' | 'failed' | 'refused' | 'unreachable' | 'skipped';

export interface TargetApplyResult {
  readonly target: string;
  readonly wave: string;
  readonly host: string;
  /** The target's revision before (null = base; undefined = never read). */
  readonly from?: string | null;
  /** Its revision afterwards, as far as it got. */
  readonly to?: string | null;
  readonly revisions: number;
  readonly statements: number;
  /** Time spent waiting for the advisory lock (null when it was never taken). */
  readonly lockWaitMs: number | null;
  readonly durationMs: number;
  readonly status: ApplyStatus;
  readonly error?: string;
  /** Dry runs: the SQL that would run. */
  readonly dryRunSql?: string;
}

export type FleetEvent =
  | { readonly kind: 'start'; readonly target: FleetTarget; readonly wave: Wave }
  | { readonly kind: 'note'; readonly target: FleetTarget; readonly text: string }
  | { readonly kind: 'done'; readonly result: TargetApplyResult };

export interface FleetApplyOptions {
  readonly fleet: Fleet;
  readonly chain: RevisionChain;
  readonly mode: FleetMode;
  /** Each target's table sizes are read when its run starts (the size gate). */
  readonly allowHazards: HazardRules;
  readonly dryRun?: boolean;
  readonly lockWaitSeconds?: number;
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  readonly onEvent?: (e: FleetEvent) => void;
}

export const FAILED_STATUSES: readonly ApplyStatus[] = ['failed', 'refused', 'unreachable', 'skipped'];

export async function applyFleet(opts: FleetApplyOptions): Promise<TargetApplyResult[]> {
  if (opts.mode.kind === 'upgrade' && opts.mode.to !== undefined && opts.mode.to !== 'head') {
    findRevision(opts.chain, opts.mode.to, '--to'); // an unknown --to fails before any target is touched
  }
  return runFleet(opts.fleet, {
    run: (t, wave) => applyOne(t, wave, opts),
    failed: (r) => FAILED_STATUSES.includes(r.status),
    skipped: (t, wave, reason) => {
      const r: TargetApplyResult = { target: t.name, wave: wave.name, host: t.host, revisions: 0, statements: 0, lockWaitMs: null, durationMs: 0, status: 'skipped', error: reason };
      opts.onEvent?.({ kind: 'done', result: r });
      return r;
    },
  });
}

function execOptions(opts: FleetApplyOptions, url: string, allowHazards: AllowedHazards, log: (t: string) => void, out: (t: string) => void = () => undefined): ExecOptions {
  return {
    url,
    chain: opts.chain,
    allowHazards,
    dryRun: opts.dryRun,
    lockWaitSeconds: opts.lockWaitSeconds,
    lockTimeoutMs: opts.lockTimeoutMs,
    statementTimeoutMs: opts.statementTimeoutMs,
    log,
    out,
  };
}

async function applyOne(t: FleetTarget, wave: Wave, opts: FleetApplyOptions): Promise<TargetApplyResult> {
  opts.onEvent?.({ kind: 'start', target: t, wave });
  const started = performance.now();
  let from: string | null | undefined;
  let to: string | null | undefined;
  let revisions = 0;
  let statements = 0;
  let lockWaitMs: number | null = null;
  let planned = 0;
  const sql: string[] = [];
  const base = { target: t.name, wave: wave.name, host: t.host };
  const finish = (status: ApplyStatus, error?: string): TargetApplyResult => {
    const r: TargetApplyResult = { ...base, from, to, revisions, statements, lockWaitMs, durationMs: performance.now() - started, status, error, ...(opts.dryRun ? { dryRunSql: sql.join('') } : {}) };
    opts.onEvent?.({ kind: 'done', result: r });
    return r;
  };
  if (!t.url) return finish('unreachable', `[CONFIG] the environment variable ${t.urlEnv} is not set`);
  const log = (text: string) => {
    if (text.startsWith('waiting for')) opts.onEvent?.({ kind: 'note', target: t, text: text.trim() });
  };
  const observer = {
    locked: (ms: number) => (lockWaitMs = ms),
    planned: (st: { current: string | null }, work: readonly unknown[]) => {
      from = to = st.current;
      planned = work.length;
    },
    revisionDone: (w: { newHead: string | null }, ran: number) => {
      to = w.newHead;
      revisions++;
      statements += ran;
    },
  };
  try {
    const policy = await readHazardPolicy(t.url, opts.allowHazards, opts.chain.revisions);
    const exec = { ...execOptions(opts, t.url, policy, log, (text) => sql.push(text)), observer };
    const r: ExecResult = opts.mode.kind === 'upgrade' ? await applyRevisions({ ...exec, to: opts.mode.to }) : await downgradeRevisions({ ...exec, target: opts.mode.target });
    if (opts.dryRun) sql.push(await sizeGateReport(t.url, r.planned, policy));
    if (opts.dryRun) return finish(planned ? 'would-run' : 'up-to-date');
    to = r.current;
    return finish(r.done.length ? (opts.mode.kind === 'upgrade' ? 'applied' : 'reverted') : 'up-to-date');
  } catch (e) {
    const status: ApplyStatus = isUnreachable(e) ? 'unreachable' : e instanceof FasError && e.refused ? 'refused' : 'failed';
    return finish(status, firstLine(e));
  }
}
