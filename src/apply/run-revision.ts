/**
 * Run one section (upgrade or downgrade) of one revision, in short transactions.
 *
 * The steps are cut into units:
 *   - a step that locks a relation that already existed (ALTER TABLE, a plain
 *     CREATE INDEX, DROP, VALIDATE, ANALYZE, ...) runs ALONE in its own
 *     transaction, so no such lock is held across a scan or other steps;
 *   - a step that cannot run in a transaction (CREATE INDEX CONCURRENTLY) runs
 *     OUTSIDE any;
 *   - consecutive other steps (new objects) run together in one transaction.
 * Each unit runs under SET LOCAL lock_timeout / statement_timeout; a lock
 * timeout (or deadlock) rolls the unit back and retries it with exponential
 * backoff and jitter. Each committed unit records its steps in
 * fas.revision_steps inside its own transaction, so that a failed run resumes
 * at the first step not done; the last unit writes the history row and moves
 * alembic_version instead. A revision of new objects only is one transaction,
 * as before: it commits whole or not at all.
 */
import { checksumMatches } from '../revisions/superseded-layouts.js';
import type { Statement } from '../plan/statement.js';
import type { RevisionFile } from '../revisions/types.js';
import type { Client } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { preflightConcurrent } from './concurrent-index.js';
import { type Direction, recordEvent, recordStep } from './history-store.js';
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

export async function runRevision(client: Client, rev: RevisionFile, direction: Direction, opts: RunOptions): Promise<RunResult> {
  const statements = rev[direction];
  const started = performance.now();
  const finished = opts.finishedSteps ?? new Map<number, string>();
  const log = opts.log ?? (() => undefined);
  const retries = opts.lockRetries ?? DEFAULT_LOCK_RETRIES;
  for (const [step, sum] of finished) {
    if (!checksumMatches(sum, rev)) {
      throw new FasError(
        'DRIFT',
        `revision ${rev.id} was partly run (${direction} step ${step}) from a file with checksum ${sum}, but ${rev.path} now has ${rev.actualChecksum}; restore the file or finish the revision by hand`,
        { refused: true, location: { file: rev.path } },
      );
    }
  }
  const shapes = await Promise.all(statements.map((s) => statementShape(s.sql)));
  const present = await existing(client, [...new Set(shapes.flatMap((x) => x.locks))]);
  const plan = units(statements, shapes, present, finished);
  const committed: number[] = [];
  let ran = 0;
  const event = () => ({
    revision: rev.id,
    parent: rev.parent,
    direction,
    message: rev.message,
    checksum: rev.actualChecksum,
    statements: statements.length,
    durationMs: performance.now() - started,
  });
  const report = (step: number, ms: number, alreadyDone = false) =>
    opts.onStep?.({ step, total: statements.length, source: statements[step - 1]!.source, durationMs: ms, alreadyDone });
  let current = 0;
  let inTx = false;
  try {
    for (const [u, unit] of plan.entries()) {
      const lastUnit = u === plan.length - 1;
      const times = new Map<number, number>();
      await withLockRetries(
        async () => {
          times.clear();
          if (unit.kind === 'outside') {
            const step = unit.steps[0]!;
            const s = statements[step - 1]!;
            current = step;
            const pre = await preflightConcurrent(client, shapes[step - 1]!, log);
            const t0 = performance.now();
            if (pre.kind === 'done') log(`step ${step} (${s.source}): ${pre.why}; an interrupted run finished it\n`);
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
            await recordStep(client, rev.id, direction, step, rev.actualChecksum);
            return;
          }
          await client.query('BEGIN');
          inTx = true;
          for (const step of unit.steps) {
            const s = statements[step - 1]!;
            current = step;
            const t0 = performance.now();
            await setTimeouts(client, s, opts, true);
            await client.query(s.sql);
            times.set(step, performance.now() - t0);
          }
          current = 0;
          if (lastUnit) await recordEvent(client, event(), opts.newHead);
          else for (const step of unit.steps) await recordStep(client, rev.id, direction, step, rev.actualChecksum);
          await client.query('COMMIT');
          inTx = false;
        },
        {
          retries,
          baseMs: opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
          onRetry: async (n, of, delay) => {
            if (inTx) await client.query('ROLLBACK').catch(() => undefined);
            inTx = false;
            const s = statements[current - 1];
            log(`lock not granted for step ${current}${s ? ` (${s.source})` : ''}: retry ${n}/${of} in ${(delay / 1000).toFixed(1)} s\n`);
          },
        },
      );
      committed.push(...unit.steps);
      ran += unit.steps.length;
      for (const step of unit.steps) report(step, times.get(step) ?? 0);
    }
    current = 0;
    if (plan.length === 0 || plan[plan.length - 1]!.kind === 'outside') {
      await client.query('BEGIN');
      inTx = true;
      await recordEvent(client, event(), opts.newHead);
      await client.query('COMMIT');
      inTx = false;
    }
    return { ran, skipped: finished.size, durationMs: performance.now() - started };
  } catch (e) {
    if (inTx) await client.query('ROLLBACK').catch(() => undefined);
    if (current) throw describeFailure(rev, direction, current, statements[current - 1]!, e, [...finished.keys(), ...committed].sort((x, y) => x - y), retries);
    throw new FasError('SQL_EXEC', `revision ${rev.id}: recording the ${direction} in fas.revision_history failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

async function backendPid(client: Client): Promise<number> {
  const r = await client.query<{ pid: number }>('SELECT pg_catalog.pg_backend_pid() AS pid');
  return r.rows[0]!.pid;
}
