/**
 * apply and downgrade: take the advisory lock, read what the target applied,
 * refuse drift, changed files and hazards before anything runs, then run each
 * revision in order.
 */
import type { RevisionChain, RevisionFile } from '../revisions/types.js';
import { type Client, connect } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { acquireLock, describeHolder, releaseLock } from './lock.js';
import { type DbState, type Direction, ensureHistoryTables, readDbState, stepKey } from './history-store.js';
import { type ChainStatus, assertConsistent, assertUnchanged, chainStatus, findRevision } from './status.js';
import { type AllowedHazards, type DerivedHazards, assertNoBlockedHazards, blockedHazards, deriveWorkHazards, sectionKey } from './hazard-gate.js';
import { assertSealed } from './seal-gate.js';
import { liveColumnTypes } from './column-types.js';
import { runRevision } from './run-revision.js';
import { type ProgressMode, revisionProgress } from './progress.js';

export interface ExecOptions {
  readonly url: string;
  readonly chain: RevisionChain;
  readonly allowHazards: AllowedHazards;
  readonly dryRun?: boolean;
  /** Seconds to wait for the advisory lock (default 60). */
  readonly lockWaitSeconds?: number;
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
  /** Retries of a step whose lock_timeout expired (--lock-retries). */
  readonly lockRetries?: number;
  /** First backoff before such a retry, in ms (tests shorten it). */
  readonly retryBaseMs?: number;
  /** One line per step (a terminal, or --steps) or per revision (default, --quiet). */
  readonly progress?: ProgressMode;
  /** stderr is a terminal: index builds report live. */
  readonly live?: boolean;
  /** Progress and warnings (stderr). */
  readonly log: (text: string) => void;
  /** Dry-run output (stdout). */
  readonly out: (text: string) => void;
  /** Optional callbacks for callers that report progress themselves (fas apply --targets). */
  readonly observer?: ExecObserver;
}

export interface ExecObserver {
  /** The advisory lock was taken after waiting this long. */
  locked?(waitMs: number): void;
  /** Under the lock: where the target stands and what will run. */
  planned?(st: ChainStatus, work: readonly WorkItem[]): void;
  /** One revision finished: statements run now. */
  revisionDone?(w: WorkItem, ran: number): void;
}

export interface WorkItem {
  readonly revision: RevisionFile;
  readonly direction: Direction;
  /** alembic_version afterwards. */
  readonly newHead: string | null;
}

export interface ExecResult {
  /** What was run (empty for a dry run). */
  readonly done: readonly WorkItem[];
  /** What was to run. */
  readonly planned: readonly WorkItem[];
  /** The target's revision afterwards (null = base). */
  readonly current: string | null;
  readonly head: string | null;
}

export type DowngradeTarget = { readonly kind: 'steps'; readonly n: number } | { readonly kind: 'base' } | { readonly kind: 'revision'; readonly ref: string };

export function parseDowngradeTarget(arg: string | undefined): DowngradeTarget {
  if (arg === undefined) throw new FasError('CONFIG', 'fas downgrade: say how far: -1, -N, a revision id, or base');
  if (arg === 'base') return { kind: 'base' };
  const m = /^-(\d+)$/.exec(arg);
  if (m) {
    const n = Number(m[1]);
    if (n < 1) throw new FasError('CONFIG', `fas downgrade: ${arg} must go back at least one revision`);
    return { kind: 'steps', n };
  }
  return { kind: 'revision', ref: arg };
}

async function openTarget(url: string, command: string): Promise<Client> {
  // A generous connect timeout: migrations often run in CI right after the database starts.
  const client = await connect(url, { applicationName: `fas ${command}`, connectTimeoutMs: 30_000 });
  // A killed fas should not leave its backend waiting on a lock until that lock frees (PostgreSQL 14+).
  const v = await client.query<{ v: string }>("SELECT pg_catalog.current_setting('server_version_num') AS v");
  if (Number(v.rows[0]?.v) >= 140000) await client.query("SELECT pg_catalog.set_config('client_connection_check_interval', '1000', false)");
  return client;
}

/** fas never writes to a server in recovery (a streaming replica): the primary is the only place to migrate. */
async function refuseReplica(client: Client): Promise<void> {
  const r = await client.query<{ recovery: boolean }>('SELECT pg_catalog.pg_is_in_recovery() AS recovery');
  if (r.rows[0]?.recovery) throw new FasError('CONFIG', 'the target is a server in recovery (a standby replica): fas applies to the primary only', { refused: true });
}

/** The upgrades to run, up to `to` (a revision id or prefix; default the head). */
export function planUpgrade(st: ChainStatus, to: string | undefined): WorkItem[] {
  let pending = st.pending;
  if (to !== undefined) {
    const target = findRevision(st.chain, to, '--to');
    const idx = pending.findIndex((r) => r.id === target.id);
    pending = idx < 0 ? [] : pending.slice(0, idx + 1);
  }
  return pending.map((r) => ({ revision: r, direction: 'upgrade', newHead: r.id }));
}

/** The downgrades to run, head first. */
export function planDowngrade(st: ChainStatus, target: DowngradeTarget): WorkItem[] {
  const applied = st.revisions.filter((s) => s.applied).map((s) => s.revision).reverse(); // head first
  let n: number;
  if (target.kind === 'base') n = applied.length;
  else if (target.kind === 'steps') {
    if (target.n > applied.length) throw new FasError('CONFIG', `fas downgrade -${target.n}: only ${applied.length} revision(s) are applied`);
    n = target.n;
  } else {
    const rev = findRevision(st.chain, target.ref, 'fas downgrade');
    const idx = applied.findIndex((r) => r.id === rev.id);
    if (idx < 0) throw new FasError('CONFIG', `fas downgrade ${target.ref}: revision ${rev.id} is not applied (the target is at ${st.current ?? 'base'})`);
    n = idx;
  }
  return applied.slice(0, n).map((r) => ({ revision: r, direction: 'downgrade', newHead: r.parent }));
}

function printDryRun(work: readonly WorkItem[], db: DbState, derived: DerivedHazards, out: (t: string) => void): void {
  for (const w of work) {
    const finished = db.finishedSteps.get(stepKey(w.revision.id, w.direction));
    const found = derived.get(sectionKey(w.revision, w.direction));
    out(`-- ${w.direction} ${w.revision.id} ${JSON.stringify(w.revision.message)} (${w.revision.path})\n`);
    w.revision[w.direction].forEach((s, i) => {
      const n = i + 1;
      const notes = [`step ${n}`, `source ${s.source}`];
      if (!s.transactional) notes.push('non-transactional');
      if (finished?.has(n)) notes.push('already done, skipped');
      out(`-- ${notes.join(', ')}\n`);
      for (const h of s.hazards) out(`-- hazard ${h.type}: ${h.message}\n`);
      for (const h of found?.[i] ?? []) out(`-- hazard ${h.type} (found in the SQL, not declared): ${h.message}\n`);
      out(`${s.sql};\n`);
    });
    out('\n');
  }
}

async function execute(command: string, opts: ExecOptions, plan: (st: ChainStatus) => WorkItem[]): Promise<ExecResult> {
  const client = await openTarget(opts.url, command);
  let locked = false;
  try {
    if (!opts.dryRun) {
      await refuseReplica(client);
      const lockStart = performance.now();
      await acquireLock(client, {
        waitSeconds: opts.lockWaitSeconds ?? 60,
        onWait: (holders) => opts.log(`waiting for the migration lock held by ${holders.map(describeHolder).join('; ') || 'another session'}\n`),
      });
      locked = true;
      opts.observer?.locked?.(performance.now() - lockStart);
    }
    const db = await readDbState(client);
    const st = chainStatus(opts.chain, db);
    assertConsistent(st);
    const work = plan(st);
    opts.observer?.planned?.(st, work);
    assertSealed(work.map((w) => w.revision));
    const derived = await deriveWorkHazards(work, liveColumnTypes(client));
    const hazards = blockedHazards(work, opts.allowHazards, derived);
    if (opts.dryRun) {
      printDryRun(work, db, derived, opts.out);
      if (hazards.length) opts.log(`warning: without --allow-hazards ${[...new Set(hazards.map((h) => h.hazard.type))].join(',')} a real run would refuse ${hazards.length} hazardous statement(s)\n`);
      return { done: [], planned: work, current: st.current, head: opts.chain.head };
    }
    assertNoBlockedHazards(hazards);
    if (work.length === 0) return { done: [], planned: work, current: st.current, head: opts.chain.head };
    await ensureHistoryTables(client);
    let current = st.current;
    const done: WorkItem[] = [];
    for (const w of work) {
      const verb = w.direction === 'upgrade' ? 'applying' : 'reverting';
      const progress = revisionProgress(`${verb} ${w.revision.id} ${w.revision.message}`, opts.progress ?? 'revisions', opts.log, { url: opts.url, live: opts.live });
      try {
        const r = await runRevision(client, w.revision, w.direction, {
          newHead: w.newHead,
          lockTimeoutMs: opts.lockTimeoutMs,
          statementTimeoutMs: opts.statementTimeoutMs,
          lockRetries: opts.lockRetries,
          retryBaseMs: opts.retryBaseMs,
          finishedSteps: db.finishedSteps.get(stepKey(w.revision.id, w.direction)),
          ...progress.runOptions,
        });
        progress.done(r);
        opts.observer?.revisionDone?.(w, r.ran);
      } catch (e) {
        progress.failed();
        throw e;
      }
      current = w.newHead;
      done.push(w);
    }
    return { done, planned: work, current, head: opts.chain.head };
  } finally {
    if (locked) await releaseLock(client).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Apply pending revisions up to --to (default head). */
export function applyRevisions(opts: ExecOptions & { readonly to?: string }): Promise<ExecResult> {
  const to = opts.to === 'head' ? undefined : opts.to;
  if (to !== undefined) findRevision(opts.chain, to, '--to'); // unknown --to fails before connecting
  return execute('apply', opts, (st) => {
    assertUnchanged(st.revisions, 'apply past them');
    return planUpgrade(st, to);
  });
}

/** Run downgrade sections from the applied head back to the target. */
export function downgradeRevisions(opts: ExecOptions & { readonly target: DowngradeTarget }): Promise<ExecResult> {
  return execute('downgrade', opts, (st) => {
    const work = planDowngrade(st, opts.target);
    const reverting = new Set(work.map((w) => w.revision.id));
    assertUnchanged(st.revisions.filter((s) => reverting.has(s.revision.id)), 'run their downgrade');
    return work;
  });
}
