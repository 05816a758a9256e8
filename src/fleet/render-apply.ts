/** The fleet apply report: a live line per event on stderr, then the table (or JSON) on stdout. */
import type { FleetEvent, TargetApplyResult } from './fleet-apply.js';
import { FAILED_STATUSES } from './fleet-apply.js';
import { renderTable, rev, seconds } from './table.js';

export function applyTable(rows: readonly TargetApplyResult[]): string {
  const body = rows.map((r) => [
    r.target,
    r.wave,
    `${rev(r.from)} -> ${rev(r.to)}`,
    String(r.statements),
    seconds(r.lockWaitMs),
    seconds(r.durationMs),
    r.error ? `${r.status}: ${r.error}` : r.status,
  ]);
  return renderTable(['target', 'wave', 'from -> to', 'statements', 'lock wait', 'time', 'status'], body);
}

export function applyCounts(rows: readonly TargetApplyResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

export function applySummaryLine(rows: readonly TargetApplyResult[], head: string | null): string {
  const counts = Object.entries(applyCounts(rows))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  const bad = rows.filter((r) => FAILED_STATUSES.includes(r.status));
  const which = bad.length ? `; not at the goal: ${bad.map((r) => r.target).join(', ')}` : '';
  return `${rows.length} target(s), head ${rev(head)}: ${counts}${which}\n`;
}

export function applyJson(rows: readonly TargetApplyResult[], head: string | null): string {
  const doc = {
    head,
    ok: rows.every((r) => !FAILED_STATUSES.includes(r.status)),
    counts: applyCounts(rows),
    targets: rows.map((r) => ({
      target: r.target,
      wave: r.wave,
      host: r.host,
      from: r.from ?? null,
      to: r.to ?? null,
      revisions: r.revisions,
      statements: r.statements,
      lockWaitMs: r.lockWaitMs === null ? null : Math.round(r.lockWaitMs),
      durationMs: Math.round(r.durationMs),
      status: r.status,
      error: r.error ?? null,
      ...(r.dryRunSql !== undefined ? { sql: r.dryRunSql } : {}),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Live progress: one line per start, note and finish, with running totals. */
export function liveReporter(total: number, write: (text: string) => void): (e: FleetEvent) => void {
  let done = 0;
  let bad = 0;
  let running = 0;
  return (e) => {
    if (e.kind === 'start') {
      running++;
      write(`fas: [${e.wave.name}] ${e.target.name} (${e.target.host}) started; ${running} running, ${done}/${total} done\n`);
    } else if (e.kind === 'note') write(`fas: ${e.target.name}: ${e.text}\n`);
    else {
      const r = e.result;
      if (r.status !== 'skipped') running--;
      done++;
      if (FAILED_STATUSES.includes(r.status)) bad++;
      const what = r.error ? `${r.status}: ${r.error}` : `${r.status} ${rev(r.from)} -> ${rev(r.to)}, ${r.statements} statement(s)`;
      write(`fas: [${r.wave}] ${r.target} ${what} (${seconds(r.durationMs)}); ${done}/${total} done${bad ? `, ${bad} not ok` : ''}\n`);
    }
  };
}
