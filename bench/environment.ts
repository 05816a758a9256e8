// What a results file says about where and how it was measured: versions, and how each anchor's
// databases were loaded (the figures are only comparable with that).

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const METHOD = {
  times: 'wall clock of each command as a child process (process.hrtime), process start included; medians of the runs after one warm-up (migra: no warm-up)',
  peakRss: 'largest peak RSS of the measured client process over the runs (GNU time %M), never the server',
  benchmarkDatabases: 'A and B loaded once per generator version with psql -f in one transaction; where that overflows the lock table (N=3000 on a default server: max_locks_per_transaction 64) in transactions of 300 objects; synchronous_commit at the server default (on)',
  pgDumpConcurrent: '(c) pg_dump --schema-only of A and of B started together, time until both ended: fas also reads both databases at the same time',
  pgDumpSequential: "(c') the same two dumps one after the other",
  fasScratchLoad: '(b) fas loads schema files into a scratch database in transactions of 400 statements with synchronous_commit = off, then verifies the plan there',
  referenceLoad: 'reference (b): psql -f of the variant into an empty database in one transaction (in transactions of 300 objects where that overflows the lock table), synchronous_commit on, plus the sequential dump of B',
  roundTrip: "at every scale: the SQL of (a) and (b) (and of the harness's own oracle migration and of migra, for information) applied with psql -v ON_ERROR_STOP=1, statement by statement, to a copy of A (CREATE DATABASE ... TEMPLATE A); pg_dump --schema-only of the result and of B, without comment, SET, blank and restrict-key lines, must be identical; then the independent catalog picture of the tests (test/support/independent-check.ts: pg_catalog and pg_get_*def, privileges and comments included) of both must be identical and fas diff from the result to B must find nothing",
  planHistory: 'fas plan --dry-run on the FAS schema (schema/ and generated-migrations/ of the repository) plus synthetic revisions up to N, each setting a table comment and restoring it; the target has all of them applied, so there is nothing to plan. The warm-up is the first plan after the history cache was removed (a full replay)',
  applyInitial: 'fas apply of one revision written by fas plan --no-verify from the variant schema files against an empty database, into a fresh empty database each run (created and dropped untimed); after the first run fas diff of that database against the files must find nothing',
};

function tryRun(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], cwd: ROOT }).trim();
  } catch {
    return undefined;
  }
}

function packageVersion(name: string): string | undefined {
  const p = join(ROOT, 'node_modules', name, 'package.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as { version: string }).version : undefined;
}

export function osRelease(): string | undefined {
  try {
    return /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

export async function versions(server: string): Promise<Record<string, string | undefined>> {
  const commit = tryRun('git', ['rev-parse', '--short=12', 'HEAD']) ?? process.env.FAS_BENCH_COMMIT;
  const dirty = tryRun('git', ['status', '--porcelain', '--untracked-files=no', '--', 'src', 'bench']);
  return {
    fas: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : undefined,
    node: process.version,
    postgresServer: server,
    pgDump: tryRun('pg_dump', ['--version']),
    psql: tryRun('psql', ['--version']),
    migra: packageVersion('@pgkit/migra'),
    pg: packageVersion('pg'),
  };
}
