/**
 * Progress of apply/downgrade on stderr: one line per revision, or (on a
 * terminal, or with --steps) one line per step as it commits:
 *
 *   applying 1a2b3c4d5e6f add outcomes.actuals
 *     [12/185] create table outcomes.actuals ... 4 ms
 *
 * Index builds report from pg_stat_progress_create_index on a second connection.
 */
import type { Statement } from '../plan/statement.js';
import { type Client, connect } from '../util/db.js';
import type { RunOptions, RunResult, StepReport } from './run-revision.js';

export type ProgressMode = 'steps' | 'revisions';

export interface RevisionProgress {
  readonly runOptions: Pick<RunOptions, 'log' | 'onStep' | 'watchLongStep'>;
  done(r: RunResult): void;
  failed(): void;
}

function ms(x: number): string {
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`;
}

export function revisionProgress(
  header: string,
  mode: ProgressMode,
  log: (text: string) => void,
  opts: { readonly url?: string; readonly live?: boolean } = {},
): RevisionProgress {
  // in revision mode the header waits on its line for the result; anything printed meanwhile starts a new line
  let open = mode === 'revisions';
  log(mode === 'steps' ? `${header}\n` : `${header} ... `);
  const say = (text: string) => {
    if (open) {
      log('\n');
      open = false;
    }
    log(mode === 'steps' ? `  ${text}` : text);
  };
  const onStep = (s: StepReport) => {
    if (mode !== 'steps') return;
    const w = String(s.total).length;
    say(`[${String(s.step).padStart(w)}/${s.total}] ${s.source} ... ${s.alreadyDone ? 'already done' : ms(s.durationMs)}\n`);
  };
  const watchLongStep = opts.url && mode === 'steps' ? (pid: number, s: Statement) => watchIndexBuild(opts.url!, pid, s, say, opts.live ?? false) : undefined;
  return {
    runOptions: { log: say, onStep, watchLongStep },
    done(r) {
      const skipped = r.skipped ? ` (${r.skipped} finished earlier, skipped)` : '';
      const line = `${r.ran} statement${r.ran === 1 ? '' : 's'}${skipped}, ${ms(r.durationMs)}\n`;
      if (open) log(line);
      else say(line);
    },
    failed() {
      if (open) log('failed\n');
      else say('failed\n');
    },
  };
}

interface BuildRow {
  phase: string;
  blocks_done: string;
  blocks_total: string;
  tuples_done: string;
  tuples_total: string;
}

/** Poll pg_stat_progress_create_index for `pid` every 2 s while the step runs; live on a terminal, else a line per poll after 10 s. */
function watchIndexBuild(url: string, pid: number, s: Statement, say: (t: string) => void, live: boolean): () => void {
  let stopped = false;
  let client: Client | undefined;
  const started = Date.now();
  const tick = async () => {
    if (stopped) return;
    try {
      client ??= await connect(url, { applicationName: 'fas progress' });
      const r = await client.query<BuildRow>(
        'SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total FROM pg_catalog.pg_stat_progress_create_index WHERE pid = $1',
        [pid],
      );
      const row = r.rows[0];
      const elapsed = ((Date.now() - started) / 1000).toFixed(0);
      let text = `${s.source}: ${elapsed} s`;
      if (row) {
        const pct = Number(row.blocks_total) > 0 ? ` ${Math.floor((100 * Number(row.blocks_done)) / Number(row.blocks_total))}% of blocks` : Number(row.tuples_total) > 0 ? ` ${Math.floor((100 * Number(row.tuples_done)) / Number(row.tuples_total))}% of tuples` : '';
        text += `, ${row.phase}${pct}`;
      }
      if (!stopped && (live || Date.now() - started > 10_000)) say(live ? `\r\x1b[K${text}` : `${text}\n`);
    } catch {
      // progress is best effort
    }
    if (!stopped) timer = setTimeout(() => void tick(), 2000);
  };
  let timer = setTimeout(() => void tick(), 2000);
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (live) say('\r\x1b[K');
    void client?.end().catch(() => undefined);
  };
}
