/**
 * Run one section (upgrade or downgrade) of one revision.
 *
 * Transactional statements run in ONE transaction together with the history
 * row and the alembic_version update, each under SET LOCAL lock_timeout and
 * statement_timeout: a failure rolls the whole revision back and leaves no
 * history row. Statements that cannot run in a transaction (CREATE INDEX
 * CONCURRENTLY) run between transactions; each one, and each transaction
 * committed before it, is recorded in fas.revision_steps so that a failed run
 * resumes after them instead of running them twice.
 */
import type { DatabaseError } from 'pg';
import type { Statement } from '../plan/statement.js';
import type { RevisionFile } from '../revisions/types.js';
import type { Client } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { type Direction, recordEvent, recordStep } from './history-store.js';

export interface RunOptions {
  /** Overrides every statement's lockTimeoutMs (--lock-timeout). */
  readonly lockTimeoutMs?: number;
  /** Overrides every statement's statementTimeoutMs (--statement-timeout). */
  readonly statementTimeoutMs?: number;
  /** Steps finished by an earlier, failed run: step number -> checksum of the file they ran from. */
  readonly finishedSteps?: ReadonlyMap<number, string>;
  /** alembic_version once this revision is done (null = base). */
  readonly newHead: string | null;
}

export interface RunResult {
  /** Statements run now (finished steps skipped on resume are not counted). */
  readonly ran: number;
  readonly skipped: number;
  readonly durationMs: number;
}

function pgError(e: unknown): DatabaseError | undefined {
  return e && typeof e === 'object' && 'severity' in e && 'code' in e ? (e as DatabaseError) : undefined;
}

function describeFailure(rev: RevisionFile, direction: Direction, step: number, s: Statement, e: unknown, committedSteps: readonly number[]): FasError {
  const pe = pgError(e);
  const server = pe ? `${pe.message}${pe.code ? ` (SQLSTATE ${pe.code})` : ''}${pe.detail ? `; detail: ${pe.detail}` : ''}${pe.hint ? `; hint: ${pe.hint}` : ''}` : e instanceof Error ? e.message : String(e);
  const kept = committedSteps.length
    ? ` Steps ${committedSteps.join(', ')} were committed around its non-transactional statement(s) and stay done (fas.revision_steps); the next run resumes after them.`
    : ' The revision was rolled back whole; no history row was written.';
  const msg = `revision ${rev.id} (${JSON.stringify(rev.message)}, ${rev.path}) ${direction} step ${step} of ${rev[direction].length} failed (source: ${s.source}): ${server}.${kept}`;
  if (pe?.code === '55P03') return new FasError('LOCK', `${msg} The lock_timeout expired: retry when the table is less busy, or raise --lock-timeout.`, { cause: e, refused: true });
  return new FasError('SQL_EXEC', msg, { cause: e, location: { file: rev.path } });
}

async function setTimeouts(client: Client, s: Statement, opts: RunOptions, local: boolean): Promise<void> {
  const lock = opts.lockTimeoutMs ?? s.lockTimeoutMs;
  const stmt = opts.statementTimeoutMs ?? s.statementTimeoutMs;
  await client.query('SELECT pg_catalog.set_config($1, $2, $5), pg_catalog.set_config($3, $4, $5)', ['lock_timeout', `${lock}ms`, 'statement_timeout', `${stmt}ms`, local]);
}

export async function runRevision(client: Client, rev: RevisionFile, direction: Direction, opts: RunOptions): Promise<RunResult> {
  const statements = rev[direction];
  const started = performance.now();
  const finished = opts.finishedSteps ?? new Map<number, string>();
  for (const [step, sum] of finished) {
    if (sum !== rev.actualChecksum) {
      throw new FasError(
        'DRIFT',
        `revision ${rev.id} was partly run (${direction} step ${step}) from a file with checksum ${sum}, but ${rev.path} now has ${rev.actualChecksum}; restore the file or finish the revision by hand`,
        { refused: true, location: { file: rev.path } },
      );
    }
  }
  let inTx = false;
  let txSteps: number[] = [];
  const committed: number[] = [];
  let ran = 0;
  let skipped = 0;
  const begin = async () => {
    await client.query('BEGIN');
    inTx = true;
    txSteps = [];
  };
  let step = 0;
  let current: Statement | undefined;
  try {
    for (const s of statements) {
      step++;
      current = s;
      if (finished.has(step)) {
        skipped++;
        continue;
      }
      if (s.transactional) {
        if (!inTx) await begin();
        await setTimeouts(client, s, opts, true);
        await client.query(s.sql);
        txSteps.push(step);
      } else {
        if (inTx) {
          // Commit what ran so far, recording it, so that a resume does not run it twice.
          for (const n of txSteps) await recordStep(client, rev.id, direction, n, rev.actualChecksum);
          await client.query('COMMIT');
          inTx = false;
          committed.push(...txSteps);
        }
        await setTimeouts(client, s, opts, false);
        try {
          await client.query(s.sql);
        } finally {
          await client.query('RESET lock_timeout; RESET statement_timeout').catch(() => undefined);
        }
        await recordStep(client, rev.id, direction, step, rev.actualChecksum);
        committed.push(step);
      }
      ran++;
    }
    current = undefined;
    if (!inTx) await begin();
    const durationMs = performance.now() - started;
    await recordEvent(
      client,
      { revision: rev.id, parent: rev.parent, direction, message: rev.message, checksum: rev.actualChecksum, statements: statements.length, durationMs },
      opts.newHead,
    );
    await client.query('COMMIT');
    inTx = false;
    return { ran, skipped, durationMs };
  } catch (e) {
    if (inTx) await client.query('ROLLBACK').catch(() => undefined);
    if (current) throw describeFailure(rev, direction, step, current, e, committed);
    throw new FasError('SQL_EXEC', `revision ${rev.id}: recording the ${direction} in fas.revision_history failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
