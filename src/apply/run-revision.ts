/**
 * Run one section (upgrade or downgrade) of one revision, in short transactions.
 *
 * The steps are cut into units:
 *   - a step that locks a relation that already existed (ALTER TABLE, a plain
 *     CREATE INDEX, DROP, VALIDATE, ANALYZE, ...) runs ALONE in its own
 *     transaction, so no such lock is held across a scan or other steps;
 *   - a step that cannot run in a transaction (CREATE INDEX CONCURRENTLY) runs
 *     OUTSIDE any;
 *   - consecutive other steps (new objects) run together in one transaction,
 *     until it holds LOCK_BUDGET_SHARE of the server's lock table: then it
 *     commits and the next steps go on in a new one. Every object a transaction
 *     creates stays locked until it commits, and the lock table is shared by
 *     every session (max_locks_per_transaction x (max_connections +
 *     max_prepared_transactions) entries): one transaction creating 3,000 tables
 *     fails with "out of shared memory" on a default server.
 * Each unit runs under SET LOCAL lock_timeout / statement_timeout; a lock
 * timeout (or deadlock) rolls the unit back and retries it with exponential
 * backoff and jitter. Each committed unit records its steps in
 * fas.revision_steps inside its own transaction, so that a failed run resumes
 * at the first step not done; the last unit writes the history row and moves
 * alembic_version instead. A revision of new objects that fits the lock budget
 * is one transaction, as before: it commits whole or not at all.
 */
import { checksumMatches } from '../revisions/superseded-layouts.js';
import type { Statement } from '../plan/statement.js';
import type { RevisionFile } from '../revisions/types.js';
import type { Client } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { preflightConcurrent } from './concurrent-index.js';
import { type Direction, type HistoryEvent, recordEvent, recordStep } from './history-store.js';
import { type StatementShape, statementShape } from './lock-targets.js';
import { DEFAULT_LOCK_RETRIES, DEFAULT_RETRY_BASE_MS, isLockFailure, pgError, withLockRetries } from './lock-retry.js';

export interface StepReport {
  readonly step: number;
  readonly total: number;
  readonly source: string;
  readonly durationMs: number;
  /** true when an interrupted run had already done it. */
  readonly alreadyDone?: boolean;
}

export interface RunOptions {
  /** Overrides every statement's lockTimeoutMs (--lock-timeout). */
  readonly lockTimeoutMs?: number;
  /** Overrides every statement's statementTimeoutMs (--statement-timeout). */
  readonly statementTimeoutMs?: number;
  /** Retries of a unit whose lock wait timed out (--lock-retries, default 5). */
  readonly lockRetries?: number;
  /** First backoff before a retry, doubled each time, with jitter (default 500 ms). */
  readonly retryBaseMs?: number;
  /** Steps finished by an earlier, failed run: step number -> checksum of the file they ran from. */
  readonly finishedSteps?: ReadonlyMap<number, string>;
  /** alembic_version once this revision is done (null = base). */
  readonly newHead: string | null;
  /** Retries, resumed leftovers (stderr). */
  readonly log?: (text: string) => void;
  /** Each step once committed (progress). */
  readonly onStep?: (r: StepReport) => void;
  /** Called with the backend pid while a long step runs; the returned function stops the watcher. */
  readonly watchLongStep?: (pid: number, s: Statement) => () => void;
}

export interface RunResult {
  /** Statements run now (finished steps skipped on resume are not counted). */
  readonly ran: number;
  readonly skipped: number;
  readonly durationMs: number;
}

type UnitKind = 'group' | 'alone' | 'outside';
interface Unit {
  readonly kind: UnitKind;
  /** Mutable: a group over the lock budget gives its remaining steps to a new unit. */
  readonly steps: number[];
}

function describeFailure(rev: RevisionFile, direction: Direction, step: number, s: Statement, e: unknown, committedSteps: readonly number[], retries: number): FasError {
  const pe = pgError(e);
  const server = pe ? `${pe.message}${pe.code ? ` (SQLSTATE ${pe.code})` : ''}${pe.detail ? `; detail: ${pe.detail}` : ''}${pe.hint ? `; hint: ${pe.hint}` : ''}` : e instanceof Error ? e.message : String(e);
  const kept = committedSteps.length
    ? ` ${committedSteps.length === 1 ? 'Step' : 'Steps'} ${committedSteps.join(', ')} ${committedSteps.length === 1 ? 'was' : 'were'} committed and stay${committedSteps.length === 1 ? 's' : ''} done (fas.revision_steps); the next run resumes at step ${step}.`
    : ' Nothing of this revision was committed; no history row was written.';
  const msg = `revision ${rev.id} (${JSON.stringify(rev.message)}, ${rev.path}) ${direction} step ${step} of ${rev[direction].length} failed (source: ${s.source}): ${server}.${kept}`;
  if (isLockFailure(e))
    return new FasError('LOCK', `${msg} The lock was not granted after ${retries + 1} attempt(s): run again when the table is less busy, or raise --lock-timeout / --lock-retries.`, { cause: e, refused: true });
  return new FasError('SQL_EXEC', msg, { cause: e, location: { file: rev.path } });
}

async function setTimeouts(client: Client, s: Statement, opts: RunOptions, local: boolean): Promise<void> {
  const lock = opts.lockTimeoutMs ?? s.lockTimeoutMs;
  const stmt = opts.statementTimeoutMs ?? s.statementTimeoutMs;
  await client.query('SELECT pg_catalog.set_config($1, $2, $5), pg_catalog.set_config($3, $4, $5)', ['lock_timeout', `${lock}ms`, 'statement_timeout', `${stmt}ms`, local]);
}

/** Which relations (as regclass text) exist now: the ones a step finds in place. */
async function existing(client: Client, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const r = await client.query<{ n: string }>('SELECT n FROM unnest($1::text[]) AS n WHERE pg_catalog.to_regclass(n) IS NOT NULL', [names]);
  return new Set(r.rows.map((x) => x.n));
}

/** Cut the steps not yet done into units (see the file comment). */
function units(statements: readonly Statement[], shapes: readonly StatementShape[], present: ReadonlySet<string>, finished: ReadonlyMap<number, string>): Unit[] {
  const out: Unit[] = [];
  statements.forEach((s, i) => {
    const step = i + 1;
    if (finished.has(step)) return;
    const kind: UnitKind = !s.transactional ? 'outside' : shapes[i]!.locks.some((n) => present.has(n)) ? 'alone' : 'group';
    const last = out[out.length - 1];
    if (kind === 'group' && last?.kind === 'group') last.steps.push(step);
    else out.push({ kind, steps: [step] });
  });
  return out;
}

/** The part of the server's lock table one transaction of new objects may fill before it commits. */
export const LOCK_BUDGET_SHARE = 1 / 8;
/** Steps between two counts of the locks held (a count costs a round trip). */
const LOCK_CHECK_EVERY = 8;

/** How many locks one transaction of new objects may hold on this server. */
async function lockBudget(client: Client): Promise<number> {
  const r = await client.query<{ capacity: number }>(
    "SELECT current_setting('max_locks_per_transaction')::int * (current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int) AS capacity",
  );
  return Math.max(LOCK_CHECK_EVERY * 4, Math.floor(r.rows[0]!.capacity * LOCK_BUDGET_SHARE));
}

async function heldLocks(client: Client): Promise<number> {
  const r = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_catalog.pg_locks WHERE pid = pg_catalog.pg_backend_pid()');
  return r.rows[0]!.n;
}

/** One run of one section: what it has done so far, for the units and for the failure message. */
interface Run {
  readonly client: Client;
  readonly rev: RevisionFile;
  readonly direction: Direction;
  readonly opts: RunOptions;
  readonly statements: readonly Statement[];
  readonly shapes: readonly StatementShape[];
  readonly plan: Unit[];
  readonly budget: number;
  readonly log: (text: string) => void;
  readonly event: () => HistoryEvent;
  /** The step running now (0: none). */
  current: number;
  inTx: boolean;
}

/** A step that cannot run in a transaction block: alone, outside any. */
async function runOutside(r: Run, step: number, times: Map<number, number>): Promise<void> {
  const { client, statements, opts } = r;
  const s = statements[step - 1]!;
  r.current = step;
  const pre = await preflightConcurrent(client, r.shapes[step - 1]!, r.log);
  const t0 = performance.now();
  if (pre.kind === 'done') r.log(`step ${step} (${s.source}): ${pre.why}; an interrupted run finished it\n`);
  else {
    await setTimeouts(client, s, opts, false);
    const stop = opts.watchLongStep?.(await backendPid(client), s);
    try {
      await client.query(s.sql);
    } finally {
      stop?.();
      await client.query('RESET lock_timeout; RESET statement_timeout').catch(() => undefined);
    }
  }
  times.set(step, performance.now() - t0);
  await recordStep(client, r.rev.id, r.direction, step, r.rev.actualChecksum);
}

/**
 * The steps of unit `u` in one transaction. A group of new objects that comes to hold the lock
 * budget commits there: its remaining steps become the next unit.
 */
async function runInTransaction(r: Run, u: number, times: Map<number, number>): Promise<void> {
  const { client, statements, opts } = r;
  const unit = r.plan[u]!;
  await client.query('BEGIN');
  r.inTx = true;
  for (const [k, step] of unit.steps.entries()) {
    const s = statements[step - 1]!;
    r.current = step;
    const t0 = performance.now();
    await setTimeouts(client, s, opts, true);
    await client.query(s.sql);
    times.set(step, performance.now() - t0);
    const more = k + 1 < unit.steps.length;
    if (unit.kind === 'group' && more && (k + 1) % LOCK_CHECK_EVERY === 0 && (await heldLocks(client)) >= r.budget) {
      r.plan.splice(u + 1, 0, { kind: 'group', steps: unit.steps.splice(k + 1) });
      break;
    }
  }
  r.current = 0;
  if (u === r.plan.length - 1) await recordEvent(client, r.event(), opts.newHead);
  else for (const step of unit.steps) await recordStep(client, r.rev.id, r.direction, step, r.rev.actualChecksum);
  await client.query('COMMIT');
  r.inTx = false;
}

function checkFinished(rev: RevisionFile, direction: Direction, finished: ReadonlyMap<number, string>): void {
  for (const [step, sum] of finished) {
    if (!checksumMatches(sum, rev)) {
      throw new FasError(
        'DRIFT',
        `revision ${rev.id} was partly run (${direction} step ${step}) from a file with checksum ${sum}, but ${rev.path} now has ${rev.actualChecksum}; restore the file or finish the revision by hand`,
        { refused: true, location: { file: rev.path } },
      );
    }
  }
}

async function startRun(client: Client, rev: RevisionFile, direction: Direction, opts: RunOptions, started: number): Promise<Run> {
  const statements = rev[direction];
  const shapes = await Promise.all(statements.map((s) => statementShape(s.sql)));
  const present = await existing(client, [...new Set(shapes.flatMap((x) => x.locks))]);
  const plan = units(statements, shapes, present, opts.finishedSteps ?? new Map<number, string>());
  const budget = plan.some((u) => u.kind === 'group' && u.steps.length > LOCK_CHECK_EVERY) ? await lockBudget(client) : Infinity;
  const event = (): HistoryEvent => ({
    revision: rev.id,
    parent: rev.parent,
    direction,
    message: rev.message,
    checksum: rev.actualChecksum,
    statements: statements.length,
    durationMs: performance.now() - started,
  });
  return { client, rev, direction, opts, statements, shapes, plan, budget, log: opts.log ?? (() => undefined), event, current: 0, inTx: false };
}

export async function runRevision(client: Client, rev: RevisionFile, direction: Direction, opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const finished = opts.finishedSteps ?? new Map<number, string>();
  const retries = opts.lockRetries ?? DEFAULT_LOCK_RETRIES;
  checkFinished(rev, direction, finished);
  const r = await startRun(client, rev, direction, opts, started);
  const committed: number[] = [];
  let ran = 0;
  try {
    // r.plan grows while it runs: a group over the lock budget leaves its rest as the next unit
    for (let u = 0; u < r.plan.length; u++) {
      const unit = r.plan[u]!;
      const times = new Map<number, number>();
      await withLockRetries(
        async () => {
          times.clear();
          if (unit.kind === 'outside') await runOutside(r, unit.steps[0]!, times);
          else await runInTransaction(r, u, times);
        },
        {
          retries,
          baseMs: opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
          onRetry: async (n, of, delay) => {
            if (r.inTx) await client.query('ROLLBACK').catch(() => undefined);
            r.inTx = false;
            const s = r.statements[r.current - 1];
            r.log(`lock not granted for step ${r.current}${s ? ` (${s.source})` : ''}: retry ${n}/${of} in ${(delay / 1000).toFixed(1)} s\n`);
          },
        },
      );
      committed.push(...unit.steps);
      ran += unit.steps.length;
      for (const step of unit.steps) opts.onStep?.({ step, total: r.statements.length, source: r.statements[step - 1]!.source, durationMs: times.get(step) ?? 0, alreadyDone: false });
    }
    r.current = 0;
    if (r.plan.length === 0 || r.plan[r.plan.length - 1]!.kind === 'outside') {
      await client.query('BEGIN');
      r.inTx = true;
      await recordEvent(client, r.event(), opts.newHead);
      await client.query('COMMIT');
      r.inTx = false;
    }
    return { ran, skipped: finished.size, durationMs: performance.now() - started };
  } catch (e) {
    if (r.inTx) await client.query('ROLLBACK').catch(() => undefined);
    if (r.current) throw describeFailure(rev, direction, r.current, r.statements[r.current - 1]!, e, [...finished.keys(), ...committed].sort((x, y) => x - y), retries);
    throw new FasError('SQL_EXEC', `revision ${rev.id}: recording the ${direction} in fas.revision_history failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function backendPid(client: Client): Promise<number> {
  const r = await client.query<{ pid: number }>('SELECT pg_catalog.pg_backend_pid() AS pid');
  return r.rows[0]!.pid;
}
