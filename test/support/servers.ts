/**
 * The PostgreSQL servers every database test runs on: the machine's 15 and an
 * embedded 18 (started by test/support/run-tests.ts). Each test makes its own
 * uniquely named databases and drops them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface TestServer {
  readonly label: 'pg15' | 'pg16' | 'pg17' | 'pg18';
  readonly adminUrl: string;
}

export function servers(): TestServer[] {
  const out: TestServer[] = [
    { label: 'pg15', adminUrl: process.env.FAS_TEST_PG15_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
  ];
  if (process.env.FAS_TEST_PG18_URL) out.push({ label: 'pg18', adminUrl: process.env.FAS_TEST_PG18_URL });
  else if (process.env.CI) throw new Error('FAS_TEST_PG18_URL is not set: run the tests with npm test');
  return out;
}

/**
 * Every major version available: the servers() plus the embedded 16 and 17
 * (FAS_TEST_PG16_URL, FAS_TEST_PG17_URL, set by npm test when the aliased
 * binaries are installed). The golden cases and the corpus run on these.
 */
export function versionServers(): TestServer[] {
  const out = servers();
  for (const label of ['pg16', 'pg17'] as const) {
    const url = process.env[`FAS_TEST_${label.toUpperCase()}_URL`];
    if (url) out.splice(out.length - 1, 0, { label, adminUrl: url });
  }
  return out;
}

export function urlFor(server: TestServer, db: string): string {
  const u = new URL(server.adminUrl);
  u.pathname = '/' + db;
  return u.toString();
}

async function admin<T>(server: TestServer, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server.adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createDb(server: TestServer, prefix = 'fas_test'): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(server, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  return {
    name,
    url: urlFor(server, name),
    drop: () => admin(server, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Run SQL text (possibly several statements) in a database. */
export async function runSql(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function query<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<R>(sql, params)).rows;
  } finally {
    await c.end();
  }
}
