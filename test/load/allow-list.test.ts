import test from 'ava';
import { loadSource } from '../../src/load/index.js';
import { FasError } from '../../src/util/errors.js';
import { tempSchema } from './helpers.js';

async function refusedAt(files: Record<string, string>): Promise<string> {
  const dir = await tempSchema(files);
  const e = await loadSource(dir).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof FasError)) throw new Error(`expected a FasError, got ${String(e)}`);
  const loc = e.location!;
  return `${e.code} ${loc.file.slice(dir.length + 1)}:${loc.line}:${loc.column}`;
}

const table = 'CREATE TABLE app.t (a int);\n';
const refused: [string, string, string][] = [
  ['DO', "DO $$ BEGIN PERFORM 1; END $$;", 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['COPY TO PROGRAM', "COPY (SELECT 'x') TO PROGRAM 'id > owned.txt';", 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['CREATE ROLE', 'CREATE ROLE evil SUPERUSER LOGIN;', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['SELECT pg_sleep', 'SELECT pg_sleep(3600);', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['INSERT', 'INSERT INTO app.t VALUES (1);', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['ALTER SYSTEM', "ALTER SYSTEM SET work_mem = '1GB';", 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['LOAD', "LOAD 'auto_explain';", 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['CREATE DATABASE', 'CREATE DATABASE other;', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['CREATE TABLE AS', 'CREATE TABLE app.u AS SELECT 1 AS a;', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['GRANT role', 'GRANT pg_read_server_files TO public;', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['COMMENT ON ROLE', "COMMENT ON ROLE postgres IS 'x';", 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['lo_import in a default', "ALTER TABLE app.t ADD COLUMN b oid DEFAULT lo_import('/etc/passwd');", 'FORBIDDEN_STATEMENT app/x.sql:2:44'],
  ['pg_read_file in a partition bound', "CREATE TABLE app.p (a text) PARTITION BY LIST (a);\nCREATE TABLE app.p1 PARTITION OF app.p FOR VALUES IN (pg_read_file('/etc/hostname'));", 'FORBIDDEN_STATEMENT app/x.sql:3:55'],
  ['pg_read_file in a matview', "CREATE MATERIALIZED VIEW app.m AS SELECT pg_read_file('/etc/hostname')::int AS a;", 'FORBIDDEN_STATEMENT app/x.sql:2:42'],
  ['nested in CREATE SCHEMA', 'CREATE SCHEMA app2 CREATE TABLE t (a int) CREATE VIEW v AS SELECT 1;\nDROP TABLE app.t;', 'FORBIDDEN_STATEMENT app/x.sql:3:1'],
  ['event trigger', 'CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION app.f();', 'FORBIDDEN_STATEMENT app/x.sql:2:1'],
  ['long table name', `CREATE TABLE app.${'t'.repeat(64)} (a int);`, 'NAME_TOO_LONG app/x.sql:2:18'],
  ['long column name', `CREATE TABLE app.u (\n  ${'c'.repeat(64)} int);`, 'NAME_TOO_LONG app/x.sql:3:3'],
  ['long index name', `CREATE INDEX ${'i'.repeat(64)} ON app.t (a);`, 'NAME_TOO_LONG app/x.sql:2:14'],
  ['long constraint name', `ALTER TABLE app.t ADD CONSTRAINT ${'k'.repeat(64)} CHECK (a > 0);`, 'NAME_TOO_LONG app/x.sql:2:34'],
];

for (const [title, sql, expected] of refused) {
  test(`refused: ${title}`, async (t) => {
    t.is(await refusedAt({ 'app/x.sql': table + sql + '\n' }), expected);
  });
}

test('multi-byte names count bytes: 32 two-byte letters are 64 bytes', async (t) => {
  t.is(await refusedAt({ 'app/x.sql': `CREATE TABLE app.${'é'.repeat(32)} (a int);\n` }), 'NAME_TOO_LONG app/x.sql:1:18');
  await t.notThrowsAsync(loadSource(await tempSchema({ 'app/x.sql': `CREATE TABLE app.${'é'.repeat(31)}a (a int);\n` })));
});

test('long names in YAML are NAME_TOO_LONG at the entry', async (t) => {
  t.is(await refusedAt({ 'app/t.yaml': `table: app.t\ncolumns:\n  - name: ${'c'.repeat(64)}\n    type: int\n` }), 'NAME_TOO_LONG app/t.yaml:3:5');
  t.is(await refusedAt({ 'app/t.yaml': `table: app.${'t'.repeat(64)}\ncolumns:\n  - { name: a, type: int }\n` }), 'NAME_TOO_LONG app/t.yaml:1:8');
  const idx = `table: app.t\ncolumns:\n  - { name: a, type: int }\nindexes:\n  - name: ${'i'.repeat(64)}\n    columns: [a]\n`;
  t.regex(await refusedAt({ 'app/t.yaml': idx }), /^NAME_TOO_LONG app\/t.yaml:5:/);
});

test('declarations pass: grants, comments, default privileges, functions that sleep when called', async (t) => {
  const dir = await tempSchema({
    'app/x.sql':
      table +
      "COMMENT ON TABLE app.t IS 'x';\nGRANT SELECT ON app.t TO PUBLIC;\nALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO PUBLIC;\n" +
      'CREATE FUNCTION app.slow() RETURNS void LANGUAGE sql AS $$ SELECT pg_sleep(1) $$;\nCREATE VIEW app.v AS SELECT a FROM app.t;\n',
  });
  const loaded = await loadSource(dir);
  t.is(loaded.statements.length, 7);
});

test('a materialized view is created WITH NO DATA and its declared value is kept', async (t) => {
  const dir = await tempSchema({
    'app/m.sql':
      table +
      'CREATE MATERIALIZED VIEW app.m1 AS SELECT a FROM app.t;\nCREATE MATERIALIZED VIEW app.m2 AS SELECT a FROM app.t WITH DATA;\n' +
      'CREATE MATERIALIZED VIEW app.m3 AS SELECT a FROM app.t WITH NO DATA;\nCREATE MATERIALIZED VIEW app.m4 AS SELECT a FROM app.t -- trailing\n;\n',
  });
  const mv = (await loadSource(dir)).statements.filter((s) => s.matview);
  t.deepEqual(
    mv.map((s) => [s.matview!.name, s.matview!.withData]),
    [
      ['m1', true],
      ['m2', true],
      ['m3', false],
      ['m4', true],
    ],
  );
  for (const s of mv) t.regex(s.sql, /WITH NO DATA$/);
  t.false(mv[1]!.sql.includes('WITH DATA'));
});

test('in the scratch database the query of a materialized view never runs, and the catalog says what the file declares', async (t) => {
  const { loadFilesIntoScratch, readDatabase } = await import('../../src/engine/read-source.js');
  const { servers } = await import('../support/servers.js');
  const dir = await tempSchema({
    'app/m.sql': table + 'CREATE MATERIALIZED VIEW app.m1 AS SELECT a FROM app.t;\nCREATE MATERIALIZED VIEW app.m2 AS SELECT a FROM app.t WITH NO DATA;\n',
  });
  const { catalog, db } = await loadFilesIntoScratch(dir, servers()[0]!.adminUrl);
  try {
    t.deepEqual([...catalog.matviews.values()].map((m) => [m.name, m.withData]).sort(), [
      ['m1', true],
      ['m2', false],
    ]);
    const pg = (await import('pg')).default;
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const r = await c.query<{ relname: string; relispopulated: boolean }>("SELECT relname, relispopulated FROM pg_class WHERE relkind = 'm' ORDER BY relname");
    t.deepEqual(r.rows.map((x) => [x.relname, x.relispopulated]), [
      ['m1', false],
      ['m2', false],
    ]);
    // a view the replayed plan creates anew reports its real state
    await c.query('DROP MATERIALIZED VIEW app.m1');
    await c.query('CREATE MATERIALIZED VIEW app.m1 AS SELECT a FROM app.t WITH NO DATA');
    await c.end();
    t.false((await readDatabase(db.url)).matviews.get('matview:app.m1')!.withData);
  } finally {
    await db.drop();
  }
});
