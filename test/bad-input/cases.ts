/** The bad-input corpus: each case with the error code fas must answer with (exit 2). */
import { readFileSync } from 'node:fs';
import { renderRevision } from '../../src/revisions/render.js';
import { stmt } from '../apply/helpers.js';
import type { BadCase, Context } from './harness.js';

const T = 'CREATE TABLE app.t (a int);\n';
const long = (c: string) => c.repeat(64);

/** A schema file holding one bad statement, run through `fas plan`. */
function schema(name: string, sql: string | ((c: Context) => string), code: BadCase['code'] = 'FORBIDDEN_STATEMENT'): BadCase {
  return {
    name,
    kind: 'schema',
    code,
    files: (c) => ({ 'schema/app/x.sql': T + (typeof sql === 'string' ? sql : sql(c)) + '\n' }),
    args: () => ['plan', '-m', 'bad'],
  };
}

function yaml(name: string, text: string, code: BadCase['code']): BadCase {
  return { name, kind: 'schema', code, files: () => ({ 'schema/app/t.yaml': text }), args: () => ['plan', '-m', 'bad'] };
}

const SCHEMA: BadCase[] = [
  schema('DO block', "DO $$ BEGIN CREATE ROLE fas_evil_do SUPERUSER; END $$;"),
  schema('COPY TO PROGRAM', (c) => `COPY (SELECT 'x') TO PROGRAM 'id > ${c.canary}';`),
  schema('COPY FROM a server file', "COPY app.t FROM '/etc/hostname';"),
  schema('CREATE ROLE SUPERUSER', 'CREATE ROLE fas_evil_role SUPERUSER LOGIN;'),
  schema('ALTER ROLE', 'ALTER ROLE postgres NOSUPERUSER;'),
  schema('DROP ROLE', 'DROP ROLE IF EXISTS fas_evil_none;'),
  schema('GRANT a role', 'GRANT pg_read_server_files TO PUBLIC;'),
  schema('SELECT pg_sleep', 'SELECT pg_sleep(3600);'),
  schema('SELECT', 'SELECT 1;'),
  schema('INSERT', 'INSERT INTO app.t VALUES (1);'),
  schema('UPDATE', 'UPDATE app.t SET a = 2;'),
  schema('DELETE', 'DELETE FROM app.t;'),
  schema('TRUNCATE', 'TRUNCATE app.t;'),
  schema('MERGE', 'MERGE INTO app.t USING app.t s ON false WHEN NOT MATCHED THEN INSERT VALUES (1);'),
  schema('CREATE DATABASE', 'CREATE DATABASE fas_evil_db;'),
  schema('DROP DATABASE', 'DROP DATABASE postgres;'),
  schema('ALTER DATABASE SET', "ALTER DATABASE postgres SET work_mem = '1GB';"),
  schema('ALTER SYSTEM', "ALTER SYSTEM SET shared_buffers = '8GB';"),
  schema('LOAD', "LOAD 'auto_explain';"),
  schema('lo_import', "SELECT lo_import('/etc/passwd');"),
  schema('CREATE TABLE AS', 'CREATE TABLE app.u AS SELECT 1 AS a;'),
  schema('SELECT INTO', 'SELECT 1 AS a INTO app.u;'),
  schema('CALL', 'CALL app.p();'),
  schema('CREATE EVENT TRIGGER', 'CREATE EVENT TRIGGER fas_evil_et ON ddl_command_end EXECUTE FUNCTION app.f();'),
  schema('VACUUM', 'VACUUM app.t;'),
  schema('REFRESH MATERIALIZED VIEW', 'REFRESH MATERIALIZED VIEW app.m;'),
  schema('DROP TABLE', 'DROP TABLE app.t;'),
  schema('EXPLAIN ANALYZE', 'EXPLAIN ANALYZE SELECT pg_sleep(10);'),
  schema('NOTIFY', "NOTIFY fas, 'x';"),
  schema('CREATE SUBSCRIPTION', "CREATE SUBSCRIPTION s CONNECTION 'host=127.0.0.1' PUBLICATION p;"),
  schema('CREATE TABLESPACE', "CREATE TABLESPACE ts LOCATION '/tmp';"),
  schema('COMMENT ON ROLE', "COMMENT ON ROLE postgres IS 'x';"),
  schema('COMMENT ON DATABASE', "COMMENT ON DATABASE postgres IS 'x';"),
  schema('pg_read_file in a materialized view', "CREATE MATERIALIZED VIEW app.m AS SELECT pg_read_file('/etc/hostname')::int AS a;"),
  schema('pg_read_file in a partition bound', "CREATE TABLE app.p (a text) PARTITION BY LIST (a);\nCREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN (pg_read_file('/etc/hostname'));"),
  schema('set_config in a column default', "ALTER TABLE app.t ADD COLUMN b text DEFAULT set_config('search_path', 'evil', false);"),
  schema('pg_terminate_backend in a view', 'CREATE VIEW app.v AS SELECT pg_terminate_backend(1) AS x;'),
  schema('dblink_exec in a check', "ALTER TABLE app.t ADD CONSTRAINT c CHECK (dblink_exec('x') IS NOT NULL);"),
  schema('SET search_path', 'SET search_path = app;', 'UNSUPPORTED'),
  schema('BEGIN', 'BEGIN;', 'UNSUPPORTED'),
  schema('long table name', `CREATE TABLE app.${long('t')} (a int);`, 'NAME_TOO_LONG'),
  schema('long column name', `CREATE TABLE app.u (${long('c')} int);`, 'NAME_TOO_LONG'),
  schema('long index name', `CREATE INDEX ${long('i')} ON app.t (a);`, 'NAME_TOO_LONG'),
  schema('long constraint name', `ALTER TABLE app.t ADD CONSTRAINT ${long('k')} CHECK (a > 0);`, 'NAME_TOO_LONG'),
  schema('syntax error', 'CREATE VIEW app.v AS SELEC a FROM app.t;', 'SQL_SYNTAX'),
  schema('undeclared reference', 'CREATE VIEW app.v AS SELECT a FROM app.missing;', 'UNDECLARED_REFERENCE'),
  schema('object in another schema than its directory', 'CREATE TABLE other.t (a int);', 'CONFIG'),
  {
    name: 'one object defined twice',
    kind: 'schema',
    code: 'DUPLICATE_OBJECT',
    files: () => ({ 'schema/app/a.sql': T, 'schema/app/b.sql': T }),
    args: () => ['plan', '-m', 'bad'],
  },
  yaml('long column name in YAML', `table: app.t\ncolumns:\n  - name: ${long('c')}\n    type: int\n`, 'NAME_TOO_LONG'),
  yaml('long table name in YAML', `table: app.${long('t')}\ncolumns:\n  - { name: a, type: int }\n`, 'NAME_TOO_LONG'),
  yaml('malformed YAML', 'table: app.t\ncolumns:\n  - name: a\n    type: [int\n', 'YAML'),
  yaml('unknown key in YAML', 'table: app.t\ncolumns:\n  - name: a\n    type: int\n    nulable: true\n', 'YAML'),
  { name: 'diff: COPY TO PROGRAM in schema/', kind: 'schema', code: 'FORBIDDEN_STATEMENT', files: (c) => ({ 'schema/app/x.sql': T + `COPY (SELECT 'x') TO PROGRAM 'id > ${c.canary}';\n` }), args: () => ['diff'] },
  { name: 'diff --to a directory holding a DO block', kind: 'schema', code: 'FORBIDDEN_STATEMENT', files: () => ({ 'other/x.sql': T + 'DO $$ BEGIN CREATE ROLE fas_evil_do2 SUPERUSER; END $$;\n' }), args: (c) => ['diff', '--from', c.url, '--to', 'other'] },
  yaml('smuggled SQL in a YAML default', 'table: app.t\ncolumns:\n  - name: a\n    type: int\n    default: "1); CREATE ROLE fas_evil_yaml SUPERUSER; --"\n', 'YAML'),
];

/** PostgreSQL connection strings as --db, DATABASE_URL, --dev-url and FAS_PROD_DATABASE_URL. */
const CONNECTION: BadCase[] = [
  ['unencoded password with @ and /', (c: Context) => `postgresql://u:${c.password}@ss:w/rd@127.0.0.1:5432/x`],
  ['IPv6 host without its bracket', (c: Context) => `postgresql://u:${c.password}@[::1/x`],
  ['port that is not a number', (c: Context) => `postgresql://u:${c.password}@127.0.0.1:notaport/x`],
  ['port out of range', (c: Context) => `postgresql://u:${c.password}@127.0.0.1:99999/x`],
  ['key=value with an unterminated quote', (c: Context) => `host=127.0.0.1 password='${c.password}`],
  ['key=value with an unknown parameter', (c: Context) => `host=127.0.0.1 passwd=${c.password}`],
  ['key=value with a word without =', (c: Context) => `host=127.0.0.1 password=${c.password} oops`],
].flatMap(([name, url]) => {
  const u = url as (c: Context) => string;
  return [
    { name: `--db: ${name}`, kind: 'connection', code: 'CONFIG', args: (c: Context) => ['current', '--db', u(c)] },
    { name: `DATABASE_URL: ${name}`, kind: 'connection', code: 'CONFIG', args: () => ['history'], env: (c: Context) => ({ DATABASE_URL: u(c) }) },
  ] as BadCase[];
});
CONNECTION.push(
  { name: 'FAS_PROD_DATABASE_URL unparseable', kind: 'connection', code: 'CONFIG', files: () => ({ 'schema/app/x.sql': T }), args: () => ['diff', '--prod'], env: (c) => ({ FAS_PROD_DATABASE_URL: `postgresql://u:${c.password}@ss:w/x@[::1` }) },
  { name: 'FAS_PROD_DATABASE_URL not a connection string', kind: 'connection', code: 'CONFIG', files: () => ({ 'schema/app/x.sql': T }), args: () => ['diff', '--prod'], env: (c) => ({ FAS_PROD_DATABASE_URL: `mysql://u:${c.password}@127.0.0.1/x` }) },
  { name: '--dev-url unparseable', kind: 'connection', code: 'CONFIG', files: () => ({ 'schema/app/x.sql': T }), args: (c) => ['diff', '--from', 'schema', '--to', 'schema', '--dev-url', `postgresql://u:${c.password}@h:port/x`] },
  { name: 'a server that does not answer', kind: 'connection', code: 'CONNECT', args: (c) => ['current', '--db', `postgresql://u:${c.password}@127.0.0.1:1/x`] },
  { name: 'a database that does not exist', kind: 'connection', code: 'CONNECT', args: (c) => ['current', '--db', `postgresql://${c.role}:${c.password}@${c.host}:${c.port}/fas_no_such_db`] },
  { name: 'key=value form of a database that does not exist', kind: 'connection', code: 'CONNECT', args: (c) => ['current', '--db', `host=${c.host} port=${c.port} user=${c.role} password=${c.password} dbname=fas_no_such_db`] },
);

/** The project's redis.yaml, edited per case. */
const BASE = readFileSync(new URL('../../redis.yaml', import.meta.url), 'utf8');
const edit = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`redis.yaml no longer holds ${from}`);
  return BASE.replace(from, to);
};

function redis(name: string, text: (c: Context) => string, code: BadCase['code'], env?: BadCase['env']): BadCase {
  return { name, kind: 'redis', code, files: (c) => ({ 'redis.yaml': text(c) }), args: () => ['redis', 'check', '--static', '--config', 'redis.yaml'], env };
}

const REDIS: BadCase[] = [
  redis('credentials in a host', (c) => edit('    host: 127.0.0.1\n', `    host: ":${c.password}@127.0.0.1"\n`), 'YAML'),
  redis('a URL as a host', (c) => edit('    host: 127.0.0.1\n', `    host: "redis://:${c.password}@127.0.0.1"\n`), 'YAML'),
  redis('a literal password as auth', (c) => edit('auth: REDIS_L1_PASSWORD', `auth: "${c.password}"`), 'YAML'),
  redis('malformed YAML', () => edit('tiers:\n', 'tiers: [\n'), 'YAML'),
  redis('unknown key', () => edit('    port: 6379\n', '    port: 6379\n    maxmemory_policy: noeviction\n'), 'YAML'),
  redis('port out of range', () => edit('port: 6379', 'port: 70000'), 'YAML'),
  redis('unknown persistence mode', () => edit('persistence: hybrid', 'persistence: sometimes'), 'YAML'),
  redis('a tier missing', () => BASE.slice(0, BASE.indexOf('  checkpoint:')), 'YAML'),
  redis('no version', () => edit('version: 1\n', ''), 'YAML'),
  { name: 'redis.yaml missing', kind: 'redis', code: 'CONFIG', args: () => ['redis', 'check', '--static', '--config', 'nope.yaml'] },
  {
    name: 'FAS_REDIS_L1_URL unparseable',
    kind: 'redis',
    code: 'CONFIG',
    files: () => ({ 'redis.yaml': BASE }),
    args: () => ['redis', 'check', '--config', 'redis.yaml'],
    env: (c) => ({ FAS_REDIS_L1_URL: `redis://u:${c.password}@ss:w/rd@[::1` }),
  },
  {
    name: 'FAS_REDIS_L2_URL not redis://',
    kind: 'redis',
    code: 'CONFIG',
    files: () => ({ 'redis.yaml': BASE }),
    args: () => ['redis', 'check', '--config', 'redis.yaml'],
    env: (c) => ({ FAS_REDIS_L2_URL: `http://:${c.password}@127.0.0.1:6380` }),
  },
];

const rev = (id: string, parent: string | null, sql = 'CREATE TABLE public.fas_bad_t (a int)') =>
  renderRevision({ id, parent, message: 'x', created: '2026-01-01T00:00:00Z', upgrade: [stmt(sql)], downgrade: [stmt('DROP TABLE public.fas_bad_t')] });
const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const C = 'cccccccccccc';

function revision(name: string, files: Record<string, string>, code: BadCase['code'], args: string[] = ['apply']): BadCase {
  return { name, kind: 'revision', code, files: () => files, args: () => args };
}

const REVISION: BadCase[] = [
  revision('garbage revision file', { [`generated-migrations/${A}_x.sql`]: 'this is not a revision\n' }, 'REVISION'),
  revision('binary junk as a revision', { [`generated-migrations/${A}_x.sql`]: '\u0000\u0001\u0002garbage' }, 'REVISION'),
  revision('a header without its fields', { [`generated-migrations/${A}_x.sql`]: '-- fas revision\n-- revision: aaaaaaaaaaaa\n' }, 'REVISION'),
  revision('a revision whose parent is missing', { [`generated-migrations/${A}_x.sql`]: rev(A, B) }, 'REVISION'),
  revision('two revisions on one parent (a fork)', { [`generated-migrations/${A}_x.sql`]: rev(A, null), [`generated-migrations/${B}_y.sql`]: rev(B, null) }, 'REVISION'),
  revision('two files with one revision id', { [`generated-migrations/${A}_x.sql`]: rev(A, null), [`generated-migrations/${A}_y.sql`]: rev(A, null) }, 'REVISION'),
  revision('a cycle of parents', { [`generated-migrations/${A}_x.sql`]: rev(A, C), [`generated-migrations/${C}_y.sql`]: rev(C, A) }, 'REVISION'),
  revision('apply --to an unknown revision', { [`generated-migrations/${A}_x.sql`]: rev(A, null) }, 'CONFIG', ['apply', '--to', 'dddddddddddd']),
];

const ARGS: BadCase[] = [
  { name: 'an unknown option', kind: 'args', code: 'CONFIG', args: () => ['plan', '--bogus'] },
  { name: 'an option without its value', kind: 'args', code: 'CONFIG', args: () => ['current', '--db'] },
  { name: 'plan --format yaml', kind: 'args', code: 'CONFIG', files: () => ({ 'schema/app/x.sql': T }), args: () => ['plan', '--format', 'yaml'] },
  { name: 'plan --rev-id not hex', kind: 'args', code: 'CONFIG', files: () => ({ 'schema/app/x.sql': T }), args: () => ['plan', '--rev-id', 'xyz'] },
  { name: 'diff --from a path that does not exist', kind: 'args', code: 'CONFIG', args: () => ['diff', '--from', 'no/such/dir', '--to', 'no/such/other'] },
  { name: 'diff --format csv', kind: 'args', code: 'CONFIG', args: () => ['diff', '--format', 'csv'] },
  { name: 'downgrade with a bad step', kind: 'args', code: 'CONFIG', args: () => ['downgrade', 'sideways'] },
  { name: 'apply --allow-hazards with an unknown hazard', kind: 'args', code: 'CONFIG', args: () => ['apply', '--allow-hazards', 'EVERYTHING_GOES'] },
  { name: 'export alembic without --out', kind: 'args', code: 'CONFIG', args: () => ['export', 'alembic'] },
  { name: 'redis check --format xml', kind: 'args', code: 'CONFIG', args: () => ['redis', 'check', '--format', 'xml'] },
];

export const CASES: readonly BadCase[] = [...SCHEMA, ...CONNECTION, ...REDIS, ...REVISION, ...ARGS];
