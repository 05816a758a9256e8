/**
 * The bad-input corpus harness: each case runs `fas` in-process through main()
 * (one at a time: scratch cleanups are process-wide) in a fresh project
 * directory, with a planted password in every connection string, against a
 * target database owned by a role of its own, so that scratch databases and
 * writes can be told apart from those of other tests on the same server.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { main } from '../../src/cli/main.js';
import type { ErrorCode } from '../../src/util/errors.js';

export interface Context {
  /** the target: a database owned by the corpus role, with the planted password */
  readonly url: string;
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly role: string;
  /** a file that a successful attack would create */
  readonly canary: string;
}

export interface BadCase {
  readonly name: string;
  readonly kind: 'schema' | 'revision' | 'connection' | 'redis' | 'args';
  readonly code: ErrorCode;
  /** files of the project directory */
  readonly files?: (c: Context) => Record<string, string>;
  readonly args: (c: Context) => string[];
  readonly env?: (c: Context) => NodeJS.ProcessEnv;
}

export interface Outcome {
  readonly exit: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly dir: string;
  readonly entries: string[];
}

const ADMIN = process.env.FAS_TEST_PG15_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function admin<T>(fn: (c: pg.Client) => Promise<T>, url = ADMIN): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A login role (CREATEDB, not superuser) with its own empty target database. */
export async function setUp(): Promise<Context & { tearDown(): Promise<void> }> {
  const suffix = randomBytes(4).toString('hex');
  const role = `fas_bad_${suffix}`;
  const database = `fas_bad_${suffix}`;
  const password = `PlantedPw-${randomBytes(6).toString('hex')}`;
  await admin(async (c) => {
    await c.query(`CREATE ROLE ${role} LOGIN CREATEDB PASSWORD '${password}'`);
    await c.query(`CREATE DATABASE ${database} OWNER ${role} TEMPLATE template0`);
  });
  const u = new URL(ADMIN);
  const host = u.hostname;
  const port = Number(u.port || 5432);
  return {
    url: `postgresql://${role}:${password}@${host}:${port}/${database}`,
    password,
    host,
    port,
    database,
    role,
    canary: join(tmpdir(), `fas-bad-canary-${suffix}`),
    async tearDown() {
      await admin(async (c) => {
        const left = await scratchLeft(role);
        for (const d of left) await c.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
        await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await c.query(`DROP ROLE IF EXISTS ${role}`);
      });
    },
  };
}

/** Scratch databases the corpus role owns (created by fas for the target). */
export async function scratchLeft(role: string): Promise<string[]> {
  return admin(async (c) => {
    const r = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'fas_scratch%' AND datdba = (SELECT oid FROM pg_roles WHERE rolname = $1)", [role]);
    return r.rows.map((x) => x.datname);
  });
}

/** What the target holds beyond an empty database: relations, schemas, functions, roles named by the corpus. */
export async function written(ctx: Context): Promise<string[]> {
  const target = `postgresql://postgres@${ctx.host}:${ctx.port}/${ctx.database}`;
  return admin(async (c) => {
    const r = await c.query<{ what: string }>(`
      SELECT 'relation ' || n.nspname || '.' || c.relname AS what FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public')
      UNION ALL SELECT 'function ' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      UNION ALL SELECT 'role ' || rolname FROM pg_roles WHERE rolname LIKE 'fas\\_evil%'`);
    return r.rows.map((x) => x.what);
  }, target);
}

export async function run(c: BadCase, ctx: Context): Promise<Outcome> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-bad-input-'));
  for (const [rel, text] of Object.entries(c.files?.(ctx) ?? {})) {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeFile(join(dir, rel), text);
  }
  let stdout = '';
  let stderr = '';
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: ctx.url, FAS_DEV_DATABASE_URL: ctx.url, ...c.env?.(ctx) };
  const started = Date.now();
  const exit = await main(c.args(ctx), { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, env });
  return { exit, stdout, stderr, ms: Date.now() - started, dir, entries: (await readdir(dir)).sort() };
}

export const canaryWritten = (ctx: Context): boolean => existsSync(ctx.canary);
