// The printed table and the goals, from the measured medians.

import type { ApplyResult, HistoryResult, MeasureState, ScaleResult } from './run.js';

export interface Goal {
  name: string;
  status: 'PASS' | 'FAIL' | 'n/a';
  measured: string;
}

const ms = (v: number | undefined) => (v === undefined ? '-' : v >= 10000 ? v.toFixed(0) : v.toFixed(1));
const mb = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
const ratio = (num: number | undefined, den: number | undefined) =>
  num === undefined || den === undefined || den === 0 ? undefined : num / den;
const x = (v: number | undefined) => (v === undefined ? 'n/a' : `${v >= 100 ? v.toFixed(0) : v.toFixed(2)}x`);

const ok = (m: MeasureState) => (m.status === 'ok' ? m.medianMs : undefined);

export function printScale(r: ScaleResult): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const s = r.stats;
  out(`N=${r.n}  (${s.tables} tables, ${s.indexes} indexes, ${s.views} views, ${s.matviews} matviews, ${s.enums} enums; variant: ${r.variantChanges} changes; ${r.databases.a} / _b)`);
  out(`  ${'measure'.padEnd(26)} ${'median ms'.padStart(10)} ${'peak RSS MB'.padStart(12)}  runs  status`);
  for (const m of Object.values(r.measures)) {
    const status = m.status === 'ok' ? 'ok' : `${m.status}: ${(m.reason ?? '').split('\n').slice(0, 3).join(' / ')}`;
    out(`  ${m.label.padEnd(26)} ${ms(m.medianMs).padStart(10)} ${mb(m.peakRssMb).padStart(12)}  ${String(m.samples.length).padStart(4)}  ${status}`);
  }
  out(`  ${'    reference (b): load + dump B'.padEnd(26)} ${ms(r.referenceMs).padStart(10)}${r.referenceNote ? `  note: ${r.referenceNote}` : ''}`);
  const a = ok(r.measures['fas-db']);
  const b = ok(r.measures['fas-files']);
  out(
    `  ratios: fas/pg_dump concurrent ${x(ratio(a, ok(r.measures['pg-dump'])))}, sequential ${x(ratio(a, ok(r.measures['pg-dump-seq'])))}   migra/fas ${x(ratio(ok(r.measures.migra), a))}` +
      `   (b)/reference ${x(ratio(b, r.referenceMs))}`,
  );
  for (const [label, t] of Object.entries(r.roundTrips)) out(`  round trip ${label.padEnd(9)} ${t.pass ? 'PASS' : 'FAIL'}  ${t.detail}`);
  out('');
}

export function printExtras(history: HistoryResult[], apply: ApplyResult | undefined): void {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  if (history.length) {
    out('fas plan on the FAS schema, nothing to change');
    for (const h of history)
      out(`  ${String(h.revisions).padStart(4)} revisions  median ${ms(h.medianMs).padStart(8)} ms  cold (no cache) ${ms(h.coldMs).padStart(8)} ms  peak RSS ${mb(h.peakRssMb)} MB  ${h.status}${h.reason ? `: ${h.reason}` : ''}`);
    out('');
  }
  if (apply) {
    out(`fas apply of an initial revision of ${apply.n} tables (${apply.statements ?? '?'} statements): median ${ms(apply.medianMs)} ms, peak RSS ${mb(apply.peakRssMb)} MB, ${apply.samples.length} run(s), ${apply.status}${apply.reason ? `: ${apply.reason}` : ''}`);
    if (apply.check) out(`  check ${apply.check.pass ? 'PASS' : 'FAIL'}  ${apply.check.detail}`);
    out('');
  }
}

export function evaluateGoals(results: ScaleResult[], history: HistoryResult[] = []): Goal[] {
  const at = (n: number) => results.find((r) => r.n === n);
  const r1000 = at(1000);
  const r3000 = at(3000);
  const goal = (name: string, value: number | undefined, pass: (v: number) => boolean, show: (v: number) => string, missing: string): Goal =>
    value === undefined ? { name, status: 'n/a', measured: missing } : { name, status: pass(value) ? 'PASS' : 'FAIL', measured: show(value) };
  const why = (r: ScaleResult | undefined, ...ids: Array<keyof ScaleResult['measures']>) =>
    r === undefined ? `scale ${'not run'}` : ids.map((id) => `${id} ${r.measures[id].status}`).join(', ');

  const h = (n: number) => history.find((y) => y.revisions === n && y.status === 'ok');
  const h1 = h(1);
  const h500 = h(500);
  // the same ratio of the clients' CPU times, which other work on the machine changes far less
  const cpu = (a: { medianCpuMs?: number } | undefined, b: { medianCpuMs?: number } | undefined) => {
    const v = a?.medianCpuMs !== undefined && b?.medianCpuMs ? a.medianCpuMs / b.medianCpuMs : undefined;
    return v === undefined ? '' : ` (client CPU ${x(v)})`;
  };
  const withCpu = (g: Goal, note: string): Goal => (g.status === 'n/a' ? g : { ...g, measured: g.measured + note });
  const m = (r: ScaleResult | undefined, id: keyof ScaleResult['measures']) => (r?.measures[id].status === 'ok' ? r.measures[id] : undefined);
  return [
    withCpu(goal('plan with 500 revisions <= 1.2x plan with 1', h1 && h500 ? ratio(h500.medianMs, h1.medianMs) : undefined, (v) => v <= 1.2, x, 'needs --history with 1 and 500'), cpu(h500, h1)),
    withCpu(goal('(a) at N=1000 <= 1.5x (c) concurrent pg_dumps (aim 1.0x)', r1000 && ratio(ok(r1000.measures['fas-db']), ok(r1000.measures['pg-dump'])), (v) => v <= 1.5, x, r1000 ? why(r1000, 'fas-db', 'pg-dump') : 'N=1000 not run'), cpu(m(r1000, 'fas-db'), m(r1000, 'pg-dump'))),
    withCpu(goal('(a) at N=3000 <= 1.5x (c) concurrent pg_dumps (aim 1.0x)', r3000 && ratio(ok(r3000.measures['fas-db']), ok(r3000.measures['pg-dump'])), (v) => v <= 1.5, x, r3000 ? why(r3000, 'fas-db', 'pg-dump') : 'N=3000 not run'), cpu(m(r3000, 'fas-db'), m(r3000, 'pg-dump'))),
    withCpu(goal('(a) at N=1000 >= 30x faster than (d)', r1000 && ratio(ok(r1000.measures.migra), ok(r1000.measures['fas-db'])), (v) => v >= 30, x, r1000 ? why(r1000, 'fas-db', 'migra') : 'N=1000 not run'), cpu(m(r1000, 'migra'), m(r1000, 'fas-db'))),
    goal(
      'growth of (a) N=1000 -> 3000 <= 3.5x',
      r1000 && r3000 ? ratio(ok(r3000.measures['fas-db']), ok(r1000.measures['fas-db'])) : undefined,
      (v) => v <= 3.5,
      x,
      r1000 && r3000 ? why(r3000, 'fas-db') : 'needs N=1000 and N=3000',
    ),
    goal('(b) at N=3000 <= 1.5x (load variant in 1 tx + 1 pg_dump)', r3000 && ratio(ok(r3000.measures['fas-files']), r3000.referenceMs), (v) => v <= 1.5, x, r3000 ? why(r3000, 'fas-files', 'load-ref') : 'N=3000 not run'),
    goal('peak RSS of (a) at N=3000 <= 300 MB', r3000 && r3000.measures['fas-db'].status === 'ok' ? r3000.measures['fas-db'].peakRssMb : undefined, (v) => v <= 300, (v) => `${v.toFixed(1)} MB`, r3000 ? why(r3000, 'fas-db') : 'N=3000 not run'),
  ];
}

export function printGoals(goals: Goal[]): void {
  process.stdout.write('Goals (ratios from this run):\n');
  for (const g of goals) process.stdout.write(`  ${g.status.padEnd(4)}  ${g.name.padEnd(58)} ${g.measured}\n`);
}
