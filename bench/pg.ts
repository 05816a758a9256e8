// PostgreSQL helpers for the benchmark: URLs, psql one-liners, dumps normalized by the round-trip rule.

import { spawnSync } from 'node:child_process';
import { run, type RunResult } from './measure.js';

export const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export function dbUrl(base: string, database: string): string {
  const u = new URL(base);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL with its password masked, for messages. */
export function masked(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export class PgError extends Error {
  constructor(message: string, readonly result?: RunResult) {
    super(message);
    this.name = 'PgError';
  }
}

/** Runs SQL with psql and returns unaligned, tuples-only output; throws on error. */
export async function psql(url: string, sql: string): Promise<string> {
  const r = await run('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url], { input: sql });
  if (r.code !== 0) throw new PgError(`psql on ${masked(url)} failed: ${r.stderr.trim()}`, r);
  return r.stdout.trim();
}

export const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const ident = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

export async function databaseExists(admin: string, name: string): Promise<boolean> {
  return (await psql(admin, `SELECT 1 FROM pg_database WHERE datname = ${literal(name)};`)) === '1';
}

export async function dropDatabase(admin: string, name: string): Promise<void> {
  await psql(admin, `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE);`);
  temporary.delete(name);
}

/** Throwaway databases created by this process and not dropped yet (dropped on Ctrl-C). */
const temporary = new Map<string, string>();

export async function createTemporaryDatabase(admin: string, name: string, template?: string): Promise<void> {
  temporary.set(name, admin);
  await createDatabase(admin, name, template);
}

/** Synchronous, for signal handlers: drops what createTemporaryDatabase made. */
export function dropTemporaryDatabasesSync(): void {
  for (const [name, admin] of temporary) {
    spawnSync('psql', ['-X', '-q', '-d', admin, '-c', `DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE);`], { stdio: 'ignore' });
  }
  temporary.clear();
}

export async function createDatabase(admin: string, name: string, template?: string): Promise<void> {
  await psql(admin, `CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''};`);
}

/**
 * pg_dump --schema-only with comment, SET and blank lines removed: the round-trip rule. Also removed:
 * the `\restrict <random key>` / `\unrestrict <key>` lines that pg_dump 15.14 and later print, whose
 * key changes on every dump.
 */
export async function normalizedDump(url: string): Promise<string> {
  const r = await run('pg_dump', ['--schema-only', '--dbname', url]);
  if (r.code !== 0) throw new PgError(`pg_dump of ${masked(url)} failed: ${r.stderr.trim()}`, r);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('--') && !l.startsWith('SET ') && !/^\\(un)?restrict /.test(l))
    .join('\n');
}

export async function serverVersion(admin: string): Promise<string> {
  return psql(admin, 'SHOW server_version;');
}
