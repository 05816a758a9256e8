/**
 * End to end on the project's embedded PostgreSQL (the server fas controls):
 * schema files are loaded by a role without superuser. A function that a
 * partition bound calls while loading cannot create a role; the command fails
 * with a coded error at the statement, and no scratch database or role is left.
 * A project whose files need what only a superuser may do (an untrusted
 * extension, default privileges, ownership) still plans.
 */
import test from 'ava';
import { execa } from 'execa';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const env = { ...process.env, DATABASE_URL: '', FAS_DEV_DATABASE_URL: '' };

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-loader-'));
  await chmod(dir, 0o755); // the server runs as the postgres user when the tests run as root
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(join(dir, 'schema', rel, '..'), { recursive: true });
    await writeFile(join(dir, 'schema', rel), text);
  }
  return dir;
}

async function rows(url: string, sql: string): Promise<string[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<{ n: string }>(sql)).rows.map((r) => r.n);
  } finally {
    await c.end();
  }
}

const LEFT = "SELECT rolname AS n FROM pg_roles WHERE rolname LIKE 'fas\\_scratch\\_%' OR rolname = 'fas_evil_cli' UNION ALL SELECT datname FROM pg_database WHERE datname LIKE 'fas\\_scratch\\_%'";

test.serial('fas plan on the embedded server: a partition bound calling CREATE ROLE is refused at file:line:col; nothing is left; superuser-only declarations still load', async (t) => {
  const dir = await project({
    'app/f.sql': "CREATE FUNCTION app.evil() RETURNS int LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'CREATE ROLE fas_evil_cli SUPERUSER'; RETURN 1; END $$;\n",
    'app/p.sql': 'CREATE TABLE app.p (a int) PARTITION BY LIST (a);\nCREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN (app.evil());\n',
  });
  const start = await execa('node', [FAS, 'db', 'start'], { cwd: dir, env, reject: false });
  t.is(start.exitCode, 0, start.stderr);
  const url = start.stdout.trim();
  try {
    const r = await execa('node', [FAS, 'plan', '--dry-run'], { cwd: dir, env, reject: false });
    t.is(r.exitCode, 2, r.stderr);
    t.regex(r.stderr, /\[FORBIDDEN_STATEMENT\] schema\/app\/p\.sql:2:1: permission denied to create role/);
    t.regex(r.stderr, /without superuser/);
    t.notRegex(r.stderr, /    at /, 'no stack trace');
    t.deepEqual(await rows(url, LEFT), []);

    // what needs a superuser and runs no code from the files still loads
    await rm(join(dir, 'schema', 'app'), { recursive: true });
    await mkdir(join(dir, 'schema', 'app'));
    await writeFile(join(dir, 'schema', 'ext.sql'), 'CREATE SCHEMA ext;\nCREATE EXTENSION pageinspect WITH SCHEMA ext;\n');
    await writeFile(
      join(dir, 'schema', 'app', 't.sql'),
      'CREATE TABLE app.t (id int PRIMARY KEY);\nALTER TABLE app.t OWNER TO postgres;\nALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON SEQUENCES TO PUBLIC;\n',
    );
    const ok = await execa('node', [FAS, 'plan', '--dry-run'], { cwd: dir, env, reject: false });
    t.is(ok.exitCode, 0, ok.stderr);
    t.regex(ok.stdout, /\+ extension pageinspect/);
    t.regex(ok.stdout, /\+ default privileges of postgres in app/, 'without FOR ROLE, the role that runs the files: as before, not the loader');
    t.deepEqual(await rows(url, LEFT), []);
  } finally {
    await execa('node', [FAS, 'db', 'stop'], { cwd: dir, env, reject: false });
    await rm(dir, { recursive: true, force: true });
  }
});
