/**
 * A primary made with initdb on a free loopback port and a streaming replica
 * made from it with pg_basebackup -R (PostgreSQL 15 binaries). As root the
 * binaries run as the postgres OS user (initdb refuses root).
 */
import { existsSync, mkdtempSync, chmodSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { freePort } from '../support/ports.js';

export const PG15_BIN = '/usr/lib/postgresql/15/bin';

/** Why a replica cannot be built here, or undefined when it can. */
export function replicaUnavailable(): string | undefined {
  for (const b of ['initdb', 'pg_ctl', 'pg_basebackup']) if (!existsSync(join(PG15_BIN, b))) return `${join(PG15_BIN, b)} is missing`;
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser to become the postgres user';
  return undefined;
}

function run(bin: string, args: string[]) {
  const cmd = join(PG15_BIN, bin);
  return process.getuid?.() === 0 ? execa('runuser', ['-u', 'postgres', '--', cmd, ...args]) : execa(cmd, args);
}

export interface Cluster {
  readonly primaryUrl: (db: string) => string;
  readonly replicaUrl: (db: string) => string;
  stop(): Promise<void>;
}

function conf(dir: string, port: number, socketDir: string): void {
  appendFileSync(
    join(dir, 'postgresql.conf'),
    `\nport = ${port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${socketDir}'\nfsync = off\nmax_connections = 30\nshared_buffers = 16MB\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n`,
  );
}

export async function startPrimaryAndReplica(): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'fas-replica-'));
  chmodSync(root, 0o777);
  const primary = join(root, 'primary');
  const replica = join(root, 'replica');
  const [p1, p2] = [await freePort(), await freePort()];
  const started: string[] = [];
  const stop = async () => {
    for (const d of started.reverse()) await run('pg_ctl', ['stop', '-D', d, '-m', 'immediate', '-w']).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await run('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    conf(primary, p1, root);
    appendFileSync(join(primary, 'pg_hba.conf'), '\nhost replication postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n');
    await run('pg_ctl', ['start', '-D', primary, '-w', '-l', join(root, 'primary.log')]);
    started.push(primary);
    await run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(p1), '-U', 'postgres', '-D', replica, '-R', '-X', 'stream', '--no-sync']);
    appendFileSync(join(replica, 'postgresql.conf'), `\nport = ${p2}\n`);
    await run('pg_ctl', ['start', '-D', replica, '-w', '-l', join(root, 'replica.log')]);
    started.push(replica);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    primaryUrl: (db) => `postgresql://postgres@127.0.0.1:${p1}/${db}`,
    replicaUrl: (db) => `postgresql://postgres@127.0.0.1:${p2}/${db}`,
    stop,
  };
}
