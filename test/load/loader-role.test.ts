/**
 * On a server fas controls (the embedded PostgreSQL), schema files are loaded
 * by a role without superuser (src/load/load-scratch.ts). Here the test's
 * PostgreSQL 18 is marked as such a server: the same process then loads like
 * fas on its embedded server. Tests are serial: the mark is per process.
 */
import test from 'ava';
import { existsSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { loadFilesIntoScratch, readFiles } from '../../src/engine/read-source.js';
import { forgetControlled, markControlled } from '../../src/scratch/controlled.js';
import { FasError } from '../../src/util/errors.js';
import { query, runSql, servers, type TestServer } from '../support/servers.js';
import { tempSchema } from './helpers.js';

const server = servers().find((s) => s.label === 'pg18') ?? servers()[0]!;

async function asControlled<T>(fn: () => Promise<T>, on: TestServer = server): Promise<T> {
  markControlled(on.adminUrl);
  try {
    return await fn();
  } finally {
    forgetControlled(on.adminUrl);
  }
}

async function loadError(dir: string): Promise<FasError> {
  const e = await asControlled(() => readFiles(dir, server.adminUrl)).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof FasError)) throw new Error(`expected a FasError, got ${String(e)}`);
  return e;
}

const where = (e: FasError) => `${e.code} ${e.location!.file.split('/').slice(-2).join('/')}:${e.location!.line}:${e.location!.column}`;

async function leftovers(on: TestServer = server): Promise<string[]> {
  const rows = await query<{ name: string }>(
    on.adminUrl,
    "SELECT rolname AS name FROM pg_roles WHERE rolname LIKE 'fas\\_scratch\\_%' UNION ALL SELECT datname FROM pg_database WHERE datname LIKE 'fas\\_scratch\\_%'",
  );
  return rows.map((r) => r.name);
}

test.serial("a schema file's code run while loading has no superuser: a partition bound's function cannot create a role or run a program", async (t) => {
  const tag = randomBytes(4).toString('hex');
  const marker = `/tmp/fas-loader-${tag}`;
  // runs a program as the server's OS user when called by a superuser
  const program = `CREATE FUNCTION app.program() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'COPY (SELECT 1) TO PROGRAM ''touch ${marker}''';
  RETURN 2;
END $$;
`;
  const dir = await tempSchema({
    'app/f.sql': `CREATE FUNCTION app.evil() RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'CREATE ROLE fas_evil_${tag} SUPERUSER';
  RETURN 1;
END $$;
${program}`,
    'app/p.sql': 'CREATE TABLE app.p (a int) PARTITION BY LIST (a);\nCREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN (app.evil());\n',
  });
  const e = await loadError(dir);
  t.is(where(e), 'FORBIDDEN_STATEMENT app/p.sql:2:1');
  t.regex(e.message, /permission denied to create role[\s\S]*without superuser/);
  t.deepEqual(await query(server.adminUrl, 'SELECT 1 FROM pg_roles WHERE rolname = $1', [`fas_evil_${tag}`]), []);

  const dir2 = await tempSchema({
    'app/f.sql': program,
    'app/p.sql': 'CREATE TABLE app.p (a int) PARTITION BY LIST (a);\n\nCREATE TABLE app.p2 PARTITION OF app.p FOR VALUES IN (app.program());\n',
  });
  const e2 = await loadError(dir2);
  t.is(where(e2), 'FORBIDDEN_STATEMENT app/p.sql:3:1');
  t.regex(e2.message, /COPY to or from an external program/);
  t.false(existsSync(marker));
  rmSync(marker, { force: true });
  t.deepEqual(await leftovers(), []);
});

test.serial('a declaration that needs superuser (a C function) is FORBIDDEN_STATEMENT at its file:line:col', async (t) => {
  const dir = await tempSchema({ 'app/f.sql': "-- a C function\nCREATE FUNCTION app.f(int) RETURNS int LANGUAGE c AS 'libc', 'abs';\n" });
  const e = await loadError(dir);
  t.is(where(e), 'FORBIDDEN_STATEMENT app/f.sql:2:1');
  t.regex(e.message, /permission denied for language c/);
  t.deepEqual(await leftovers(), []);
});

test.serial('dblink is refused on the embedded server: code of the files could log in as its superuser, whose password is known', async (t) => {
  const dir = await tempSchema({ 'ext.sql': 'CREATE SCHEMA ext;\n\nCREATE EXTENSION dblink WITH SCHEMA ext;\n' });
  const e = await loadError(dir);
  t.is(where(e).replace(/fas-load-\w+/, 'DIR'), 'FORBIDDEN_STATEMENT DIR/ext.sql:3:1');
  t.regex(e.message, /connect back as the superuser/);
  t.deepEqual(await leftovers(), []);
});

test.serial('a grant to a role that does not exist is still UNKNOWN_TYPE at the statement', async (t) => {
  const dir = await tempSchema({ 'app/t.sql': 'CREATE TABLE app.t (a int);\nGRANT SELECT ON app.t TO fas_no_such_role_x;\n' });
  const e = await loadError(dir);
  t.is(where(e), 'UNKNOWN_TYPE app/t.sql:2:1');
  t.regex(e.message, /role "fas_no_such_role_x" does not exist/);
  t.deepEqual(await leftovers(), []);
});

for (const on of servers())
  test.serial(`${on.label}: loading as the loader role gives the same catalog as loading as the superuser: extensions, ownership, default privileges, grants`, async (t) => {
    await runSql(on.adminUrl, "DO $$ BEGIN CREATE ROLE fas_loader_test_r; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    const dir = await tempSchema({
      'ext.sql': [
        'CREATE SCHEMA ext;',
        'CREATE EXTENSION pgcrypto WITH SCHEMA ext;', // trusted
        'CREATE EXTENSION pageinspect WITH SCHEMA ext;', // untrusted: needs a superuser
        "COMMENT ON EXTENSION pgcrypto IS 'hashes';",
        'CREATE EXTENSION pg_buffercache WITH SCHEMA ext;', // revokes its functions from PUBLIC
        'GRANT EXECUTE ON FUNCTION ext.page_header(bytea) TO fas_loader_test_r;', // an extension's function: the loader does not own it
        'GRANT EXECUTE ON FUNCTION ext.pg_buffercache_pages() TO fas_loader_test_r;', // nor may it use this one
        "COMMENT ON FUNCTION ext.digest(text, text) IS 'sha';",
        'CREATE TABLE public.pt (a int);', // public belongs to pg_database_owner: the loader owns the database
        "COMMENT ON SCHEMA public IS 'the public schema';",
        'REVOKE CREATE ON SCHEMA public FROM PUBLIC;',
        'GRANT USAGE, CREATE ON SCHEMA public TO fas_loader_test_r;',
        '',
      ].join('\n'),
      'app/t.sql': [
        "CREATE TABLE app.t (id int PRIMARY KEY, h bytea DEFAULT ext.digest('x', 'sha256'));",
        'CREATE VIEW app.v AS SELECT id FROM app.t;',
        'CREATE MATERIALIZED VIEW app.m AS SELECT count(*) AS n FROM app.t;',
        'CREATE FUNCTION app.f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;',
        'GRANT SELECT, INSERT ON app.t TO fas_loader_test_r;',
        'GRANT SELECT ON app.v TO PUBLIC;',
        'REVOKE EXECUTE ON FUNCTION app.f() FROM PUBLIC;',
        'GRANT EXECUTE ON FUNCTION app.f() TO fas_loader_test_r WITH GRANT OPTION;',
        'ALTER TABLE app.t OWNER TO fas_loader_test_r;',
        'ALTER FUNCTION app.f() OWNER TO fas_loader_test_r;',
        'GRANT USAGE ON SCHEMA app TO fas_loader_test_r;',
        'ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO fas_loader_test_r;',
        'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;',
        'ALTER DEFAULT PRIVILEGES FOR ROLE fas_loader_test_r GRANT USAGE ON SEQUENCES TO PUBLIC;',
        '',
      ].join('\n'),
    });
    const asSuperuser = await readFiles(dir, on.adminUrl);
    const { catalog: asLoader, db } = await asControlled(() => loadFilesIntoScratch(dir, on.adminUrl), on);
    t.truthy(db.loader, 'the scratch database of a controlled server has a loader role');
    const owner = await query<{ owner: string }>(db.url, 'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = current_database()');
    await db.drop();
    t.is(owner[0]!.owner, 'postgres', 'everything the loader made was handed to the server role');
    t.deepEqual(asLoader, asSuperuser);
    t.true(asLoader.defaultAcls.size >= 3);
    t.deepEqual(await leftovers(on), []);
  });
