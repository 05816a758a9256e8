/** Connections to PostgreSQL. Every error message masks the password. */
import pg from 'pg';
import { FasError } from './errors.js';
import { maskText, maskUrl } from './mask.js';

export type Client = pg.Client;

export interface ConnectOptions {
  readonly applicationName?: string;
  readonly readOnly?: boolean;
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

/** host:port of a URL, for messages. */
export function endpoint(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return '(invalid URL)';
  }
}

export async function connect(url: string, opts: ConnectOptions = {}): Promise<pg.Client> {
  const options: string[] = [];
  if (opts.readOnly) options.push('-c default_transaction_read_only=on');
  if (opts.statementTimeoutMs !== undefined) options.push(`-c statement_timeout=${opts.statementTimeoutMs}`);
  let password: string | undefined;
  try {
    password = decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    throw new FasError('CONFIG', `not a valid database URL: ${maskUrl(url)}`);
  }
  const client = new pg.Client({
    connectionString: url,
    application_name: opts.applicationName ?? 'fas',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    options: options.length ? options.join(' ') : undefined,
  });
  client.on('error', () => {
    /* connection-level errors surface on the next query */
  });
  try {
    await client.connect();
  } catch (e) {
    const msg = maskText(e instanceof Error ? e.message : String(e), password ? [password, encodeURIComponent(password)] : []);
    throw new FasError('CONNECT', `cannot connect to PostgreSQL at ${endpoint(url)} (${maskUrl(url)}): ${msg}`);
  }
  return client;
}

/** Run fn with a fresh connection and always close it. */
export async function withClient<T>(url: string, opts: ConnectOptions, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = await connect(url, opts);
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}
