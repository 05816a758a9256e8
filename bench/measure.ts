// Run one command as a child process and measure its wall time and peak RSS.
//
// Peak RSS comes from GNU time (`/usr/bin/time -f %M`, kilobytes, read from wait4's rusage) when it
// is installed; otherwise from polling /proc/<pid>/status VmHWM, which can miss a short peak.
// It is the peak of the measured client process only: the PostgreSQL server's memory is not in it.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
  /** Keep stdout (default true); pass false to discard it (still read, never stored). */
  keepStdout?: boolean;
  cwd?: string;
}

export interface RunResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  ms: number;
  /** Peak resident set size in kilobytes, or undefined if it could not be read. */
  peakRssKb: number | undefined;
  /** CPU time (user + system) of the command and the children it waited for, in ms (GNU time only). */
  cpuMs: number | undefined;
  stdout: string;
  stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Process groups of the commands running now: children run detached, so Ctrl-C must be passed on. */
const runningGroups = new Set<number>();

/** Ends the commands this process started and that are still running (by their process group id). */
export function killRunning(): void {
  for (const pgid of runningGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  runningGroups.clear();
}
let gnuTimeChecked: boolean | undefined;

export function hasGnuTime(): boolean {
  if (gnuTimeChecked === undefined) gnuTimeChecked = existsSync(GNU_TIME);
  return gnuTimeChecked;
}

export function describe(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** What GNU time wrote (-f '%M %U %S'): peak RSS in kB, CPU time, and its line about a signal. */
function readTimeFile(file: string): { kb?: number; cpuMs?: number; signalLine?: string } {
  try {
    const text = readFileSync(file, 'utf8');
    // GNU time writes "Command exited with non-zero status N" before the figures
    const lines = text.trim().split('\n');
    const [kb, user, sys] = lines[lines.length - 1]!.split(' ').map(Number);
    return {
      kb: Number.isFinite(kb) && kb! > 0 ? kb : undefined,
      cpuMs: Number.isFinite(user) && Number.isFinite(sys) ? (user! + sys!) * 1000 : undefined,
      signalLine: /Command terminated by signal/.test(text) ? lines[0] : undefined,
    };
  } catch {
    return {}; // killed before GNU time wrote its file
  }
}

export async function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const useTime = hasGnuTime();
  const dir = useTime ? mkdtempSync(join(tmpdir(), 'fas-bench-')) : undefined;
  const rssFile = dir ? join(dir, 'rss') : undefined;
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile!, cmd, ...args]] : [cmd, [...args]];
  const keep = opts.keepStdout ?? true;

  const start = process.hrtime.bigint();
  // Its own process group, so that a timeout ends the command and everything it started.
  const child = spawn(file, argv, { env: opts.env ?? process.env, cwd: opts.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  if (child.pid) runningGroups.add(child.pid);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => { if (keep) out.push(b); });
  child.stderr.on('data', (b: Buffer) => err.push(b));
  child.stdin.on('error', () => undefined);
  child.stdin.end(opts.input ?? '');

  let polledKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) polledKb = Math.max(polledKb, Number(m[1]));
        } catch {
          // the process has ended
        }
      }, 10);

  let timedOut = false;
  const timer = opts.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        try {
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, opts.timeoutMs)
    : undefined;

  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c, s) => resolve([c, s]));
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.pid) runningGroups.delete(child.pid);
  if (timer) clearTimeout(timer);
  if (poll) clearInterval(poll);

  let peakRssKb: number | undefined = polledKb || undefined;
  let cpuMs: number | undefined;
  let stderr = Buffer.concat(err).toString('utf8');
  let exitCode = code;
  if (rssFile) {
    const t = readTimeFile(rssFile);
    peakRssKb = t.kb ?? peakRssKb;
    cpuMs = t.cpuMs;
    if (t.signalLine) stderr += `\n${t.signalLine}`;
    rmSync(dir!, { recursive: true, force: true });
  }
  if (timedOut) exitCode = null;
  return {
    command: describe(cmd, args),
    code: exitCode,
    signal,
    timedOut,
    ms,
    peakRssKb,
    cpuMs,
    stdout: keep ? Buffer.concat(out).toString('utf8') : '',
    stderr,
  };
}

export function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
