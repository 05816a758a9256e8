// npm run bench:render [-- --results bench/results.json --readme README.md]
// Renders the committed results file into the README's performance section, between the markers
// <!-- bench:start --> and <!-- bench:end -->. Every figure in that section comes from the file.

import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApplyResult, HistoryResult, MeasureState, ScaleResult } from './run.js';
import type { Goal } from './report.js';

interface Doc {
  timestamp: string;
  options: { runs: number; migraRuns?: number; seed: number; out?: string };
  machine: { cpus: number; cpuModel?: string; totalMemMb: number; os?: string; loadAvg?: { start: number[]; end: number[] } };
  versions?: Record<string, string | undefined>;
  method?: Record<string, string>;
  scales: ScaleResult[];
  history?: HistoryResult[];
  apply?: ApplyResult;
  goals: Goal[];
  /** Remarks on this run, written by whoever recorded it (what was skipped or interrupted, and why). */
  notes?: string[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const sec = (ms: number | undefined) => (ms === undefined ? '–' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const mb = (v: number | undefined) => (v === undefined ? '' : `, ${v.toFixed(0)} MB`);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || b === 0 ? '–' : `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`);
const cpu = (ms: number | undefined) => (ms === undefined ? '' : ` (CPU ${sec(ms)})`);
const cell = (m: MeasureState | undefined, withRss = false) =>
  !m ? '–' : m.status === 'ok' ? `${sec(m.medianMs)}${cpu(m.medianCpuMs)}${withRss ? mb(m.peakRssMb) : ''}${m.samples.length === 1 ? ' (1 run)' : ''}` : m.status;
const okMs = (m: MeasureState | undefined) => (m?.status === 'ok' ? m.medianMs : undefined);
const load = (l: number[] | undefined) => (l ? l.map((v) => v.toFixed(1)).join(' / ') : '?');

export function render(doc: Doc, resultsPath: string): string {
  const out: string[] = [];
  const v = doc.versions ?? {};
  out.push(
    `Rendered by \`npm run bench:render\` from [${resultsPath}](${resultsPath}), written by \`npm run bench\` on ${doc.timestamp.slice(0, 16).replace('T', ' ')} UTC: ` +
      `${doc.machine.cpus} × ${doc.machine.cpuModel ?? 'CPU'}, ${(doc.machine.totalMemMb / 1024).toFixed(0)} GiB, ${doc.machine.os ?? 'Linux'}, Node ${v.node ?? '?'}, PostgreSQL ${v.postgresServer ?? '?'} (${v.pgDump ?? 'pg_dump'}), @pgkit/migra ${v.migra ?? '?'}, fas ${v.fas ?? '?'}. ` +
      `Medians of ${doc.options.runs} runs after a warm-up (migra: ${doc.options.migraRuns ?? 1} run(s), no warm-up). ` +
      `Load average at the start / end of the run: ${load(doc.machine.loadAvg?.start)} → ${load(doc.machine.loadAvg?.end)} (1 / 5 / 15 min); ` +
      `${(doc.machine.loadAvg?.start?.[0] ?? 0) > doc.machine.cpus * 0.5 ? '**the machine was shared with other work, which slows every row**' : 'a quiet machine'}.`,
    '',
    'Each cell: the median wall time, then (CPU …) the median user + system CPU time of the client process(es) (GNU time; the server\'s work is not in it), which other work on the machine changes far less than the wall time.',
    '',
    '| N tables | (a) fas diff db→db | (c) 2 pg_dumps, concurrent | (c′) 2 pg_dumps, one after the other | (d) @pgkit/migra | (a)/(c) | (a)/(c′) | migra/fas | (b) fas from files, verified | (b)/(load + dump) | round trip (a), (b) | load avg |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of doc.scales) {
    const a = r.measures['fas-db'];
    const rt = ['fas-db', 'fas-files'].map((k) => (r.roundTrips[k] ? (r.roundTrips[k]!.pass ? 'pass' : 'FAIL') : '–')).join(', ');
    out.push(
      `| ${r.n} | ${cell(a, true)} | ${cell(r.measures['pg-dump'])} | ${cell(r.measures['pg-dump-seq'])} | ${cell(r.measures.migra)} | ${ratio(okMs(a), okMs(r.measures['pg-dump']))} | ${ratio(okMs(a), okMs(r.measures['pg-dump-seq']))} | ${ratio(okMs(r.measures.migra), okMs(a))} | ${cell(r.measures['fas-files'])} | ${ratio(okMs(r.measures['fas-files']), r.referenceMs)}${r.referenceNote ? '¹' : ''} | ${rt} | ${load(r.loadAvg?.start.slice(0, 1))} |`,
    );
  }
  if (doc.scales.some((r) => r.referenceNote)) out.push('', '¹ the reference load of the variant ran in transactions of 300 objects: one transaction overflows the lock table of a default server.');
  if (doc.history?.length) {
    out.push('', '`fas plan` on the FAS schema with nothing to change, by length of history:', '', '| revisions | fas plan (history cached) | first plan, no cache (full replay) |', '| --- | --- | --- |');
    for (const h of doc.history) out.push(`| ${h.revisions} | ${h.status === 'ok' ? `${sec(h.medianMs)}${mb(h.peakRssMb)}` : h.status} | ${sec(h.coldMs)} |`);
  }
  if (doc.apply) {
    const ap = doc.apply;
    out.push('', `\`fas apply\` of one initial revision creating ${ap.n} tables (${ap.statements ?? '?'} statements) into an empty database: ${ap.status === 'ok' ? `${sec(ap.medianMs)}${mb(ap.peakRssMb)} (${ap.samples.length} run${ap.samples.length === 1 ? '' : 's'})` : `${ap.status}: ${(ap.reason ?? '').replace(/\s*\n\s*/g, ' ')}`}${ap.check ? `; check: ${ap.check.pass ? 'pass' : 'FAIL'} (${ap.check.detail})` : ''}.`);
  }
  if (doc.notes?.length) {
    out.push('', 'Notes on this run:', '');
    for (const n of doc.notes) out.push(`- ${n}`);
  }
  out.push('', 'Goals of this run:', '');
  for (const g of doc.goals) out.push(`- ${g.name}: **${g.measured}, ${g.status === 'PASS' ? 'met' : g.status === 'FAIL' ? 'not met' : 'not measured'}**`);
  if (doc.method) {
    out.push('', 'How each figure was obtained:', '');
    for (const [k, text] of Object.entries(doc.method)) out.push(`- ${k}: ${text}`);
  }
  return out.join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const get = (flag: string, dflt: string) => {
    const i = args.indexOf(flag);
    return i >= 0 && args[i + 1] ? resolve(args[i + 1]!) : dflt;
  };
  const results = get('--results', join(ROOT, 'bench', 'results.json'));
  const readme = get('--readme', join(ROOT, 'README.md'));
  const doc = JSON.parse(readFileSync(results, 'utf8')) as Doc;
  const text = readFileSync(readme, 'utf8');
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${readme} has no ${START} ... ${END} section`);
  const rel = results.startsWith(ROOT) ? results.slice(ROOT.length) : results;
  writeFileSync(readme, `${text.slice(0, i + START.length)}\n${render(doc, rel)}\n${text.slice(j)}`);
  process.stdout.write(`rendered ${rel} into ${readme}\n`);
}

main();
