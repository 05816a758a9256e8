/**
 * Real redis-server processes for tests: each on a free port, in its own temp
 * directory, bound to loopback; stopped (and the directory removed) by stop().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/ports.js';

export const REDIS_SERVER = process.env.FAS_TEST_REDIS_SERVER ?? '/usr/bin/redis-server';

export interface RedisProcess {
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
}

const running = new Set<RedisProcess>();

/** Stop every server still running (for test.after.always). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => s.stop()));
}

export async function startRedis(args: readonly string[]): Promise<RedisProcess> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'fas-redis-'));
    const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--daemonize', 'no', '--logfile', '', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const server = handle(port, dir, child);
    if (await ready(port, child)) return server;
    await server.stop();
    if (attempt >= 2) throw new Error(`redis-server did not start on port ${port}`);
  }
}

function handle(port: number, dir: string, child: ChildProcess): RedisProcess {
  let stopped: Promise<void> | undefined;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const server: RedisProcess = {
    port,
    dir,
    stop() {
      stopped ??= (async () => {
        running.delete(server);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
        await rm(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
  running.add(server);
  return server;
}

/** Poll with PING until the server answers (any reply, NOAUTH included), for up to 5 s. */
async function ready(port: number, child: ChildProcess): Promise<boolean> {
  const until = Date.now() + 5000;
  while (Date.now() < until) {
    if (child.exitCode !== null) return false;
    if (await pingOnce(port)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(500, () => done(false));
    s.on('error', () => done(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => done(/^[+-]/.test(d.toString()) && !d.toString().startsWith('-LOADING')));
  });
}
