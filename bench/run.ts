// The benchmark: npm run bench [-- --scales 200,1000 --runs 5 --seed 1 --skip-migra-above 1000]
// See bench/README.md for what each column means.

import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs, type Options } from './options.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureHistory, dropHistoryCache } from './history.js';
import { ensureInitialRevision, timeApply } from './apply-initial.js';
import { METHOD, osRelease, versions } from './environment.js';
import { fileURLToPath } from 'node:url';
import { cacheDir, ensureScale, staleDatabases, timeVariantLoad, type ScaleSetup } from './databases.js';
import { dropDatabase } from './pg.js';
import { hasGnuTime, killRunning, median, run, type RunResult } from './measure.js';
import { dropTemporaryDatabasesSync, masked, serverVersion } from './pg.js';
import { roundTrip, type RoundTrip } from './roundtrip.js';
import { generateModels } from './generator.js';
import { oracleMigration } from './oracle.js';
import { evaluateGoals, printExtras, printGoals, printScale, type Goal } from './report.js';


export type MeasureId = 'fas-db' | 'fas-files' | 'pg-dump' | 'pg-dump-seq' | 'migra' | 'load-ref';
export const MEASURES: ReadonlyArray<{ id: MeasureId; label: string }> = [
  { id: 'fas-db', label: '(a) fas diff db->db' },
  { id: 'fas-files', label: '(b) fas diff files->db' },
  { id: 'pg-dump', label: '(c) pg_dump A | B (concurrent)' },
  { id: 'pg-dump-seq', label: "(c') pg_dump A, then B" },
  { id: 'migra', label: '(d) migra A->B' },
  { id: 'load-ref', label: '    load variant (1 tx)' },
];

export interface Sample {
  ms: number;
  rssKb: number | undefined;
  /** CPU time (user + system) of the client process(es), in ms: far less sensitive than wall time to other work on the machine. */
  cpuMs?: number;
  /** pg_dump only: the B half, for the reference of goal (b). */
  dumpBms?: number;
}

export interface MeasureState {
  id: MeasureId;
  label: string;
  status: 'ok' | 'failed' | 'timeout' | 'skipped';
  reason?: string;
  warmup?: Sample;
  samples: Sample[];
  medianMs?: number;
  medianCpuMs?: number;
  peakRssMb?: number;
  lastStdout?: string;
}

export interface ScaleResult {
  n: number;
  hash: string;
  databases: { a: string; b: string; reused: boolean };
  stats: ScaleSetup['a']['generated']['stats'];
  variantChanges: number;
  variantChangeKinds: Record<string, number>;
  measures: Record<MeasureId, MeasureState>;
  referenceMs?: number;
  /** Set when the variant could not be loaded in one transaction on this server. */
  referenceNote?: string;
  roundTrips: Record<string, RoundTrip>;
  /** Load average (1, 5, 15 min) when the scale started and ended: other work on the machine skews every row. */
  loadAvg: { start: number[]; end: number[] };
}

export interface HistoryResult {
  revisions: number;
  target: string;
  status: MeasureState['status'];
  reason?: string;
  /** The warm-up is the first plan after the history cache was removed: a full replay. */
  coldMs?: number;
  samples: Sample[];
  medianMs?: number;
  medianCpuMs?: number;
  peakRssMb?: number;
}

export interface ApplyResult {
  n: number;
  statements?: number;
  status: MeasureState['status'];
  reason?: string;
  samples: Sample[];
  medianMs?: number;
  medianCpuMs?: number;
  peakRssMb?: number;
  check?: RoundTrip;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH_DIR = join(ROOT, 'bench');
const FAS_BIN = join(ROOT, 'bin', 'fas.js');
const MIGRA_BIN = join(ROOT, 'node_modules', '.bin', 'migra');

const log = (s: string) => process.stderr.write(`${s}\n`);


/** migra (the pg-promise client it uses) prints a WARNING block with stack lines on stdout. */
export function cleanMigraOutput(stdout: string): string {
  const out: string[] = [];
  let inWarning = false;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('WARNING: Creating a duplicate database object')) { inWarning = true; continue; }
    if (inWarning && /^\s+at\s/.test(line)) continue;
    inWarning = false;
    out.push(line);
  }
  return out.join('\n').trim() + '\n';
}

const tail = (s: string, lines = 15) => s.trim().split('\n').slice(-lines).join('\n');

interface Outcome { ok: boolean; timedOut?: boolean; sample: Sample; stdout: string; reason?: string }

function fromRun(r: RunResult, okCodes: number[]): Outcome {
  const ok = !r.timedOut && r.code !== null && okCodes.includes(r.code);
  const reason = r.timedOut
    ? `timed out after ${(r.ms / 1000).toFixed(0)} s`
    : `exit ${r.code ?? r.signal}: ${tail(r.stderr) || '(no stderr)'}`;
  return { ok, timedOut: r.timedOut, sample: { ms: r.ms, rssKb: r.peakRssKb, cpuMs: r.cpuMs }, stdout: r.stdout, reason: ok ? undefined : reason };
}

function executors(o: Options, setup: ScaleSetup): Record<MeasureId, () => Promise<Outcome>> {
  const fasEnv = { ...process.env, FAS_DEV_DATABASE_URL: process.env.FAS_DEV_DATABASE_URL ?? o.pgUrl };
  const fas = async (to: string, extra: string[] = []) =>
    // exit 1 means "they differ", which is what the benchmark expects.
    fromRun(await run('node', [FAS_BIN, 'diff', '--from', setup.a.url, '--to', to, '--format', 'sql', ...extra], { env: fasEnv, timeoutMs: o.fasTimeoutS * 1000 }), [0, 1]);
  return {
    'fas-db': () => fas(setup.b.url),
    // planning from files includes the scratch load and the verification replay, as `fas plan` does
    'fas-files': () => fas(setup.b.filesDir, ['--verify']),
    // as fas reads both databases at the same time, so do the dumps of the anchor
    'pg-dump': async () => {
      const start = process.hrtime.bigint();
      const [a, b] = await Promise.all([setup.a.url, setup.b.url].map((url) => run('pg_dump', ['--schema-only', '--dbname', url], { keepStdout: false })));
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (a!.code !== 0) return fromRun(a!, [0]);
      if (b!.code !== 0) return fromRun(b!, [0]);
      return { ok: true, sample: { ms, rssKb: Math.max(a!.peakRssKb ?? 0, b!.peakRssKb ?? 0) || undefined, cpuMs: cpuSum(a!, b!) }, stdout: '' };
    },
    'pg-dump-seq': async () => {
      const a = await run('pg_dump', ['--schema-only', '--dbname', setup.a.url], { keepStdout: false });
      if (a.code !== 0) return fromRun(a, [0]);
      const b = await run('pg_dump', ['--schema-only', '--dbname', setup.b.url], { keepStdout: false });
      if (b.code !== 0) return fromRun(b, [0]);
      const rss = Math.max(a.peakRssKb ?? 0, b.peakRssKb ?? 0) || undefined;
      return { ok: true, sample: { ms: a.ms + b.ms, rssKb: rss, cpuMs: cpuSum(a, b), dumpBms: b.ms }, stdout: '' };
    },
    migra: async () => {
      const r = fromRun(await run(MIGRA_BIN, [setup.a.url, setup.b.url, '--unsafe'], { timeoutMs: o.migraTimeoutS * 1000 }), [0, 2, 3]);
      return { ...r, stdout: cleanMigraOutput(r.stdout) };
    },
    'load-ref': async () => {
      try {
        return fromRun(await timeVariantLoad(o.pgUrl, setup), [0]);
      } catch (e) {
        return { ok: false, sample: { ms: 0, rssKb: undefined }, stdout: '', reason: (e as Error).message };
      }
    },
  };
}

async function benchScale(o: Options, n: number): Promise<ScaleResult> {
  log(`\n== N=${n}: preparing databases (seed ${o.seed})`);
  const setup = await ensureScale(o.pgUrl, BENCH_DIR, o.seed, n, log);
  log(`  A=${setup.a.name} B=${setup.b.name} (${setup.reused ? 'reused' : 'loaded now'}); variant files in ${setup.b.filesDir}`);
  const measures = Object.fromEntries(MEASURES.map((m) => [m.id, { id: m.id, label: m.label, status: 'ok', samples: [] } as MeasureState])) as Record<MeasureId, MeasureState>;
  if (n > o.skipMigraAbove) {
    measures.migra.status = 'skipped';
    measures.migra.reason = `N > --skip-migra-above ${o.skipMigraAbove}`;
  }
  if (n > o.skipFilesAbove) {
    for (const id of ['fas-files', 'load-ref'] as const) {
      measures[id].status = 'skipped';
      measures[id].reason = `N > --skip-files-above ${o.skipFilesAbove}`;
    }
  }
  const exec = executors(o, setup);
  const active = () => MEASURES.filter((m) => measures[m.id].status === 'ok');

  const loadStart = loadavg();
  const once = async (id: MeasureId, warmup: boolean) => {
    const st = measures[id];
    const r = await exec[id]();
    if (!r.ok) {
      st.status = r.timedOut ? 'timeout' : 'failed';
      st.reason = r.reason;
      log(`  ${st.label}: ${st.status}: ${r.reason}`);
      return;
    }
    if (warmup) st.warmup = r.sample;
    else st.samples.push(r.sample);
    st.lastStdout = r.stdout;
    log(`  ${warmup ? 'warm-up' : 'run'} ${st.label.trim()}: ${r.sample.ms.toFixed(0)} ms, ${r.sample.rssKb ? (r.sample.rssKb / 1024).toFixed(0) : '?'} MB`);
  };

  // migra is slow: no warm-up, and --migra-runs runs (the others get --runs after a warm-up)
  for (const m of active()) if (m.id !== 'migra') await once(m.id, true);
  for (let i = 0; i < o.runs; i++) {
    log(`  -- run ${i + 1}/${o.runs}`);
    for (const m of active()) if (m.id !== 'migra' || i < o.migraRuns) await once(m.id, false);
  }
  for (const st of Object.values(measures)) Object.assign(st, summarize(st.samples));
  const dumpB = median(measures['pg-dump-seq'].samples.flatMap((s) => (s.dumpBms === undefined ? [] : [s.dumpBms])));
  const load = measures['load-ref'].medianMs;

  const roundTrips: Record<string, RoundTrip> = {};
  {
    // the round-trip rule at every scale
    const out = cacheDir(BENCH_DIR, n, setup.hash);
    // First the harness's own migration: proves the variant is reachable and the rule sound.
    log(`  round trip of the harness's reference migration (oracle)`);
    const models = generateModels(o.seed, n);
    roundTrips.oracle = await roundTrip(o.pgUrl, setup, 'oracle', oracleMigration(models.a, models.b), out, FAS_BIN);
    const candidates: Array<[string, MeasureState]> = [['fas-db', measures['fas-db']], ['fas-files', measures['fas-files']], ['migra', measures.migra]];
    for (const [label, st] of candidates) {
      if (st.status === 'skipped') continue;
      if (st.lastStdout === undefined) {
        roundTrips[label] = { pass: false, detail: `no output: ${st.status}${st.reason ? ` (${st.reason.split('\n')[0]})` : ''}` };
        continue;
      }
      log(`  round trip of ${label}'s SQL`);
      roundTrips[label] = await roundTrip(o.pgUrl, setup, label, st.lastStdout, out, FAS_BIN);
    }
  }
  for (const st of Object.values(measures)) delete st.lastStdout;

  return {
    n,
    hash: setup.hash,
    databases: { a: setup.a.name, b: setup.b.name, reused: setup.reused },
    stats: setup.a.generated.stats,
    variantChanges: setup.b.generated.changes.length,
    variantChangeKinds: setup.b.generated.changes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.kind]: (acc[c.kind] ?? 0) + 1 }), {}),
    measures,
    referenceMs: load !== undefined && dumpB !== undefined ? load + dumpB : undefined,
    referenceNote: setup.singleTxTooBig,
    roundTrips,
    loadAvg: { start: loadStart, end: loadavg() },
  };
}

/** The median time and the peak RSS (MB) of a measure's samples. */
function summarize(samples: readonly Sample[]): { medianMs: number | undefined; medianCpuMs: number | undefined; peakRssMb: number | undefined } {
  const rss = samples.flatMap((s) => (s.rssKb === undefined ? [] : [s.rssKb]));
  const cpu = samples.flatMap((s) => (s.cpuMs === undefined ? [] : [s.cpuMs]));
  return { medianMs: median(samples.map((s) => s.ms)), medianCpuMs: median(cpu), peakRssMb: rss.length ? Math.max(...rss) / 1024 : undefined };
}

const cpuSum = (a: RunResult, b: RunResult) => (a.cpuMs === undefined || b.cpuMs === undefined ? undefined : a.cpuMs + b.cpuMs);

function fasEnvironment(o: Options): NodeJS.ProcessEnv {
  return { ...process.env, FAS_DEV_DATABASE_URL: process.env.FAS_DEV_DATABASE_URL ?? o.pgUrl, DATABASE_URL: '' };
}

/** `fas plan` with nothing to change on the FAS schema, for each history length. */
async function benchHistory(o: Options): Promise<HistoryResult[]> {
  const env = fasEnvironment(o);
  const out: HistoryResult[] = [];
  for (const n of o.history) {
    log(`\n== fas plan on the FAS schema with ${n} revision(s) of history`);
    const res: HistoryResult = { revisions: n, target: '', status: 'ok', samples: [] };
    out.push(res);
    try {
      const h = await ensureHistory(o.pgUrl, ROOT, n, FAS_BIN, env, log);
      res.target = h.targetName;
      dropHistoryCache(h.projectDir);
      for (let i = 0; i <= o.runs; i++) {
        const r = await run('node', [FAS_BIN, 'plan', '--dry-run', '--db', h.target], { cwd: h.projectDir, env, timeoutMs: o.fasTimeoutS * 1000 });
        if (r.code !== 0 || !/No changes|"same": true/.test(r.stdout)) throw new Error(`fas plan: exit ${r.code}: ${tail(r.stdout + r.stderr, 6)}`);
        if (i === 0) res.coldMs = r.ms;
        else res.samples.push({ ms: r.ms, rssKb: r.peakRssKb, cpuMs: r.cpuMs });
        log(`  ${i === 0 ? 'warm-up (no cache)' : 'run'}: ${r.ms.toFixed(0)} ms`);
      }
    } catch (e) {
      res.status = 'failed';
      res.reason = (e as Error).message;
      log(`  failed: ${res.reason}`);
    }
    Object.assign(res, summarize(res.samples));
  }
  return out;
}

/** `fas apply` of one initial revision holding the variant of --apply-scale tables. */
async function benchApply(o: Options): Promise<ApplyResult> {
  const n = o.applyScale;
  const env = fasEnvironment(o);
  log(`\n== fas apply of an initial revision of ${n} tables`);
  const res: ApplyResult = { n, status: 'ok', samples: [] };
  try {
    const setup = await ensureScale(o.pgUrl, BENCH_DIR, o.seed, n, log);
    const a = await ensureInitialRevision(o.pgUrl, ROOT, setup, FAS_BIN, env, log);
    res.statements = a.statements;
    for (let i = 0; i < o.applyRuns; i++) {
      const t = await timeApply(o.pgUrl, setup, a, FAS_BIN, env, o.fasTimeoutS * 1000, i === 0);
      if (t.run.code !== 0) throw new Error(`fas apply: ${t.run.timedOut ? 'timed out' : `exit ${t.run.code}`}: ${tail(t.run.stderr, 6)}`);
      res.samples.push({ ms: t.run.ms, rssKb: t.run.peakRssKb, cpuMs: t.run.cpuMs });
      if (t.check) res.check = t.check;
      log(`  run: ${t.run.ms.toFixed(0)} ms${t.check ? `; ${t.check.pass ? 'PASS' : 'FAIL'} ${t.check.detail}` : ''}`);
    }
  } catch (e) {
    res.status = 'failed';
    res.reason = (e as Error).message;
    log(`  failed: ${res.reason}`);
  }
  return Object.assign(res, summarize(res.samples));
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2), BENCH_DIR);
  const version = await serverVersion(o.pgUrl);
  log(`fas benchmark: scales ${o.scales.join(',')}, ${o.runs} runs, seed ${o.seed}, server ${masked(o.pgUrl)} (PostgreSQL ${version})`);
  log(`peak RSS from ${hasGnuTime() ? '/usr/bin/time -f %M' : '/proc/<pid>/status VmHWM polling'}`);
  const results: ScaleResult[] = [];
  const loadStart = loadavg();
  for (const n of o.scales) {
    results.push(await benchScale(o, n));
  }
  const history = o.history.length ? await benchHistory(o) : [];
  const apply = o.applyScale > 0 ? await benchApply(o) : undefined;
  const keep = new Set(results.flatMap((r) => [r.databases.a, r.databases.b]));
  const stale = await staleDatabases(o.pgUrl, o.scales, keep);
  if (stale.length > 0 && o.dropStale) {
    for (const name of stale) await dropDatabase(o.pgUrl, name);
    log(`dropped ${stale.length} stale benchmark databases: ${stale.join(' ')}`);
  } else if (stale.length > 0) {
    log(`note: ${stale.length} benchmark databases not used by this run (other seeds or generator versions at these scales): ${stale.join(' ')}; --drop-stale drops them`);
  }
  process.stdout.write('\n');
  for (const r of results) printScale(r);
  printExtras(history, apply);
  const goals: Goal[] = evaluateGoals(results, history);
  printGoals(goals);

  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}.json`);
  const doc = {
    timestamp: new Date().toISOString(),
    options: { ...o, pgUrl: masked(o.pgUrl), out: relative(ROOT, o.out) },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model,
      totalMemMb: Math.round(totalmem() / 1048576),
      os: osRelease(),
      loadAvg: { start: loadStart, end: loadavg() },
      rssSource: hasGnuTime() ? 'gnu-time' : 'proc-vmhwm',
    },
    versions: await versions(version),
    method: METHOD,
    scales: results,
    history,
    apply,
    goals,
  };
  writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
  writeFileSync(o.out, JSON.stringify(doc, null, 2) + '\n');
  process.stdout.write(`\nresults written to ${file} and ${o.out} (render into the README: npm run bench:render)\n`);
  // migra's round trip is for information; the exit status follows fas's.
  const rtFail = results.some((r) => Object.entries(r.roundTrips).some(([k, t]) => k !== 'migra' && !t.pass)) || apply?.check?.pass === false;
  return rtFail ? 1 : 0;
}

// Children run in their own process groups (so a timeout can end them whole): pass Ctrl-C on, and
// drop the throwaway databases of this run. A half-loaded benchmark database has no marker and is
// rebuilt by the next run.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`bench: ${signal}, stopping`);
    killRunning();
    dropTemporaryDatabasesSync();
    process.exit(130);
  });
}

main().then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    log(`bench: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);
