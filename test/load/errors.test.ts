import test from 'ava';
import { loadSource, runLoadedSource } from '../../src/load/index.js';
import { FasError } from '../../src/util/errors.js';
import { fixture, tempSchema, withDb } from './helpers.js';

function where(e: unknown): string {
  const err = e as FasError;
  const loc = err.location!;
  return `${err.code} ${loc.file.split('/').slice(-2).join('/')}:${loc.line}:${loc.column}`;
}

async function loadError(path: string): Promise<FasError> {
  const e = await loadSource(path).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof FasError)) throw new Error(`expected a FasError, got ${String(e)}`);
  return e;
}

test('malformed YAML is YAML with file:line:col', async (t) => {
  const e = await loadError(fixture('bad-yaml'));
  t.is(where(e), 'YAML app/t.yaml:5:1');
  t.regex(e.message, /bad-yaml\/app\/t\.yaml:5:1: malformed YAML/);
});

test('an unknown key is YAML at the key', async (t) => {
  const e = await loadError(fixture('bad-key'));
  t.is(where(e), 'YAML app/t.yaml:5:5');
  t.regex(e.message, /unknown key "nulable"/);
});

test('an SQL syntax error is SQL_SYNTAX at the parser position', async (t) => {
  const e = await loadError(fixture('bad-sql'));
  t.is(where(e), 'SQL_SYNTAX app/v.sql:4:1');
  t.regex(e.message, /syntax error at or near "SELEC"/);
});

test('two files defining one object is DUPLICATE_OBJECT naming both', async (t) => {
  const e = await loadError(fixture('dup'));
  t.is(e.code, 'DUPLICATE_OBJECT');
  t.regex(e.message, /table app\.t is defined twice: at .*dup\/app\/a\.sql:1 and at .*dup\/app\/b\.sql:2/);
});

test('a reference to an undeclared object is UNDECLARED_REFERENCE at the reference', async (t) => {
  const e = await loadError(fixture('undeclared'));
  t.is(where(e), 'UNDECLARED_REFERENCE app/v.sql:4:31');
  t.regex(e.message, /relation app\.missing is not declared/);
});

test('a qualified undeclared type and FK target in YAML point at the value', async (t) => {
  const dir = await tempSchema({
    'app/t.yaml': 'table: app.t\ncolumns:\n  - name: a\n    type: app.nope\n',
    'app/u.yaml': 'table: app.u\ncolumns:\n  - { name: a, type: int }\nforeign_keys:\n  - { columns: [a], references: app.gone(id) }\n',
  });
  t.is(where(await loadError(dir)), 'UNDECLARED_REFERENCE app/t.yaml:4:11');
  const dir2 = await tempSchema({ 'app/u.yaml': 'table: app.u\ncolumns:\n  - { name: a, type: int }\nforeign_keys:\n  - { columns: [a], references: app.gone(id) }\n' });
  t.is(where(await loadError(dir2)), 'UNDECLARED_REFERENCE app/u.yaml:5:33');
});

test('a bad expression in YAML is SQL_SYNTAX inside the YAML value; smuggled clauses are refused', async (t) => {
  const dir = await tempSchema({ 'app/t.yaml': 'table: app.t\ncolumns:\n  - name: a\n    type: int\n    default: 1 2\n' });
  t.is(where(await loadError(dir)), 'SQL_SYNTAX app/t.yaml:5:16');
  const smuggled = await tempSchema({ 'app/t.yaml': 'table: app.t\ncolumns:\n  - name: a\n    type: int\n    default: \"1), (2\"\n' });
  t.is((await loadError(smuggled)).code, 'YAML');
  const badType = await tempSchema({ 'app/t.yaml': 'table: app.t\ncolumns:\n  - name: a\n    type: int primary key\n' });
  t.is(where(await loadError(badType)), 'SQL_SYNTAX app/t.yaml:4:23');
});

test('YAML shape errors: wrong schema directory, unknown column in a key, bad identity', async (t) => {
  const cases: [Record<string, string>, string][] = [
    [{ 'app/t.yaml': 'table: other.t\ncolumns: [{ name: a, type: int }]\n' }, 'YAML app/t.yaml:1:8'],
    [{ 'app/t.yaml': 'table: app.t\ncolumns: [{ name: a, type: int }]\nprimary_key: [b]\n' }, 'YAML app/t.yaml:3:15'],
    [{ 'app/t.yaml': 'table: app.t\ncolumns:\n  - { name: a, type: int, identity: sometimes }\n' }, 'YAML app/t.yaml:3:37'],
    [{ 'app/t.yaml': 'columns: [{ name: a, type: int }]\n' }, 'YAML app/t.yaml:1:1'],
  ];
  for (const [files, expected] of cases) t.is(where(await loadError(await tempSchema(files))), expected);
});

test('SQL defining an object outside its directory schema is refused', async (t) => {
  const dir = await tempSchema({ 'app/x.sql': 'CREATE SCHEMA other;\n\nCREATE TABLE other.t (a int);\n' });
  const e = await loadError(dir);
  t.is(where(e), 'CONFIG app/x.sql:3:1');
});

test('a dependency cycle between SQL tables is reported', async (t) => {
  const dir = await tempSchema({
    'app/a.sql': 'CREATE TABLE app.a (id int PRIMARY KEY, b int REFERENCES app.b);\n',
    'app/b.sql': 'CREATE TABLE app.b (id int PRIMARY KEY, a int REFERENCES app.a);\n',
  });
  const e = await loadError(dir);
  t.is(e.code, 'UNSUPPORTED');
  t.regex(e.message, /dependency cycle/);
});

test('server errors map back to file:line:col: unknown type in YAML, bad column in SQL', async (t) => {
  const unknownType = await loadSource(fixture('bad-type'));
  const sqlError = await loadSource(
    await tempSchema({ 'app/v.sql': 'CREATE TABLE app.t (id int);\n\nCREATE VIEW app.v AS\n  SELECT id,\n         nope FROM app.t;\n' }),
  );
  await withDb(async (c) => {
    const e1 = await runLoadedSource(c, unknownType).then(() => undefined, (x: unknown) => x);
    t.is(where(e1), 'UNKNOWN_TYPE app/t.yaml:6:11');
    t.regex((e1 as Error).message, /type "integr" does not exist/);

    await c.query('DROP SCHEMA app CASCADE');
    const e2 = await runLoadedSource(c, sqlError).then(() => undefined, (x: unknown) => x);
    t.is(where(e2), 'SQL_EXEC app/v.sql:5:10');
    t.regex((e2 as Error).message, /column "nope" does not exist/);
  });
});
