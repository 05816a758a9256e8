/** Connections to PostgreSQL. Every error message masks the password. */
import { afterPgLoaded } from './pg-runtime-check.js';
import pg from 'pg';
import { FasError } from './errors.js';
import { maskText } from './mask.js';
import { endpoint, formatUri, maskConnectionString, parseConnectionString } from './conninfo.js';

export { databaseName, endpoint, withDatabase } from './conninfo.js';

afterPgLoaded();

export type Client = pg.Client;

export interface ConnectOptions {
  readonly applicationName?: string;
  readonly readOnly?: boolean;
  readonly statementTimeoutMs?: number;
  /** lock_timeout of the session, set at connection start (no round trip). */
  readonly lockTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

export async function connect(url: string, opts: ConnectOptions = {}): Promise<pg.Client> {
  const options: string[] = [];
  if (opts.readOnly) options.push('-c default_transaction_read_only=on');
  if (opts.statementTimeoutMs !== undefined) options.push(`-c statement_timeout=${opts.statementTimeoutMs}`);
  if (opts.lockTimeoutMs !== undefined) options.push(`-c lock_timeout=${opts.lockTimeoutMs}`);
  const info = parseConnectionString(url); // CONFIG error, masked, when libpq would refuse it
  const password = info.password;
  // pg lets the connection string's parameters win over the explicit ones: pass options once, merged
  const { options: given, ...params } = info.params;
  if (given) options.unshift(given);
  const client = new pg.Client({
    connectionString: formatUri({ ...info, params }),
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
    throw new FasError('CONNECT', `cannot connect to PostgreSQL at ${endpoint(url)} (${maskConnectionString(url)}): ${msg}`);
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
