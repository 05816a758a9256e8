/**
 * Declared renames in .sql directives and YAML: read with file:line:col errors,
 * and planned as ALTER ... RENAME only, round trip, on PostgreSQL 15 and 18.
 */
import test from 'ava';
import { loadSource } from '../../src/load/index.js';
import { FasError } from '../../src/util/errors.js';
import { tempSchema } from './helpers.js';
import { createDb, runSql, servers } from '../support/servers.js';
import { loadFilesIntoScratch, readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import { reverseRenames } from '../../src/diff/renames.js';
import { diffCatalogs } from '../../src/diff/diff.js';
import { withClient } from '../../src/util/db.js';

async function refused(files: Record<string, string>): Promise<string> {
  const dir = await tempSchema(files);
  const e = await loadSource(dir).then(
    () => undefined,
    (x: unknown) => x,
  );
  if (!(e instanceof FasError)) throw new Error(`expected a FasError, got ${String(e)}`);
  const loc = e.location!;
  return `${e.code} ${loc.file.slice(dir.length + 1)}:${loc.line}:${loc.column} ${e.message.replace(/^.*?: /, '')}`;
}

const yaml = (extra: string) => `table: app.t\n${extra}columns:\n  - name: a\n    type: int\n  - name: b\n    type: int\n`;

const cases: [string, Record<string, string>, RegExp][] = [
  ['column renamed_from its own name', { 'app/t.yaml': yaml('').replace('  - name: b\n', '  - name: b\n    renamed_from: b\n') }, /^YAML app\/t\.yaml:6:19 renamed_from "b" is the column's own name/],
  ['column renamed_from qualified', { 'app/t.yaml': yaml('').replace('  - name: b\n', '  - name: b\n    renamed_from: t.x\n') }, /^YAML app\/t\.yaml:6:19 .*old column name alone/],
  ['column renamed_from a column still declared', { 'app/t.yaml': yaml('').replace('  - name: b\n', '  - name: b\n    renamed_from: a\n') }, /^YAML app\/t\.yaml:6:19 .*still declares/],
  ['two columns claim one old name', { 'app/t.yaml': yaml('').replace('  - name: a\n', '  - name: a\n    renamed_from: x\n').replace('  - name: b\n', '  - name: b\n    renamed_from: x\n') }, /^YAML app\/t\.yaml:7:19 columns "a" and "b" both declare renamed_from "x"/],
  ['table renamed_from another schema', { 'app/t.yaml': yaml('renamed_from: other.t0\n') }, /^YAML app\/t\.yaml:2:15 .*schema "app"/],
  ['table renamed_from not qualified', { 'app/t.yaml': yaml('renamed_from: t0\n') }, /^YAML app\/t\.yaml:2:15 .*schema-qualified/],
  ['table renamed_from its own name', { 'app/t.yaml': yaml('renamed_from: app.t\n') }, /^YAML app\/t\.yaml:2:15 .*own name/],
  ['two tables claim one old name', { 'app/t.yaml': yaml('renamed_from: app.t0\n'), 'app/u.yaml': yaml('renamed_from: app.t0\n').replace('app.t\n', 'app.u\n') }, /^CONFIG app\/u\.yaml:2:15 two objects claim the old name t0/],
  ['directive above a statement it does not apply to', { 'app/x.sql': "CREATE TABLE app.t (a int);\n-- fas:renamed-from app.c\nCOMMENT ON TABLE app.t IS 'x';\n" }, /^CONFIG app\/x\.sql:2:1 fas:renamed-from does not apply to this statement \(CommentStmt\)/],
  ['unknown directive', { 'app/x.sql': '-- fas:renamed-form app.v0\nCREATE VIEW app.v AS SELECT 1 AS a;\n' }, /^CONFIG app\/x\.sql:1:1 unknown directive "fas:renamed-form"/],
  ['directive in another schema', { 'app/x.sql': '  -- fas:renamed-from other.v0\nCREATE VIEW app.v AS SELECT 1 AS a;\n' }, /^CONFIG app\/x\.sql:1:3 .*schema "app"/],
  ['directive name malformed', { 'app/x.sql': '-- fas:renamed-from app.v0.x\nCREATE VIEW app.v AS SELECT 1 AS a;\n' }, /^CONFIG app\/x\.sql:1:1 fas:renamed-from takes schema\.old_name/],
  ['renamed value not in the enum', { 'app/x.sql': "-- fas:renamed-value a -> z\nCREATE TYPE app.e AS ENUM ('b', 'c');\n" }, /^CONFIG app\/x\.sql:1:1 .*no value 'z'/],
  ['renamed value still in the enum', { 'app/x.sql': "-- fas:renamed-value b -> c\nCREATE TYPE app.e AS ENUM ('b', 'c');\n" }, /^CONFIG app\/x\.sql:1:1 .*still has the value 'b'/],
  ['a view and a table claim one old name', { 'app/t.yaml': yaml('renamed_from: app.old\n'), 'app/x.sql': '-- fas:renamed-from app.old\nCREATE VIEW app.v AS SELECT 1 AS a;\n' }, /two objects claim the old name old/],
];

for (const [title, files, want] of cases)
  test(`rename declarations are checked: ${title}`, async (t) => {
    t.regex(await refused(files), want);
  });

test('directives are read into renames with their locations', async (t) => {
  const dir = await tempSchema({
    'app/x.sql': "-- a comment\n-- fas:renamed-from app.v0\nCREATE VIEW app.v AS SELECT 1 AS a;\n\n-- fas:renamed-value 'old one' -> 'new one'\nCREATE TYPE app.e AS ENUM ('new one');\n",
  });
  const loaded = await loadSource(dir);
  t.deepEqual(
    loaded.renames.map((r) => [r.kind, r.schema, r.parent ?? null, r.from, r.to, r.loc?.line, r.loc?.column]),
    [
      ['view', 'app', null, 'v0', 'v', 2, 1],
      ['enum-value', 'app', 'e', 'old one', 'new one', 5, 1],
    ],
  );
});

const BEFORE = `
CREATE SCHEMA s;
CREATE TYPE s.mood AS ENUM ('sad', 'ok');
CREATE TABLE s.t_old (id int GENERATED ALWAYS AS IDENTITY CONSTRAINT t_old_pkey PRIMARY KEY, old_col int CONSTRAINT ck_old CHECK (old_col > 0), mood s.mood DEFAULT 'sad');
CREATE INDEX ix_old ON s.t_old (old_col);
CREATE TABLE s.child (id int PRIMARY KEY, t_id int REFERENCES s.t_old (id));
CREATE VIEW s.v_old AS SELECT id, mood FROM s.t_old;
CREATE FUNCTION s.f_old(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 1;
CREATE SEQUENCE s.seq_old;
COMMENT ON COLUMN s.t_old.old_col IS 'kept';
INSERT INTO s.t_old (old_col, mood) VALUES (1, 'sad'), (2, 'ok');
INSERT INTO s.child VALUES (1, 1);
`;

const DESIRED: Record<string, string> = {
  's/t.yaml': `table: s.t
renamed_from: s.t_old
columns:
  - { name: id, type: int, identity: always }
  - { name: new_col, renamed_from: old_col, type: int, comment: kept }
  - { name: mood, type: s.mood, default: "'unhappy'" }
primary_key: { name: t_pkey, columns: [id] }
checks:
  - { name: ck_old, expression: "new_col > 0" }
`,
  's/child.yaml': `table: s.child
columns:
  - { name: id, type: int, nullable: false }
  - { name: t_id, type: int }
primary_key: { name: child_pkey, columns: [id] }
foreign_keys:
  - { name: child_t_id_fkey, columns: [t_id], references: s.t(id) }
`,
  's/objects.sql': `-- fas:renamed-value sad -> unhappy
CREATE TYPE s.mood AS ENUM ('unhappy', 'ok');

-- fas:renamed-from s.ix_old
CREATE INDEX ix_new ON s.t (new_col);

-- fas:renamed-from s.v_old
CREATE VIEW s.v AS SELECT id, mood FROM s.t;

-- fas:renamed-from s.f_old
CREATE FUNCTION s.f(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 1;

-- fas:renamed-from s.seq_old
CREATE SEQUENCE s.seq;
`,
};

for (const server of servers())
  test(`${server.label}: renames of a table, column, enum value, index, view, function and sequence plan RENAME only and round-trip`, async (t) => {
    const A = await createDb(server, 'fas_rename');
    const dir = await tempSchema(DESIRED);
    const loaded = await loadFilesIntoScratch(dir, server.adminUrl);
    try {
      await runSql(A.url, BEFORE);
      const original = await readDatabase(A.url);
      const up = planChanges(original, loaded.catalog, { include: ['s'], exclude: [] }, loaded.renames);
      t.log(up.statements.map((s) => s.sql).join('\n'));
      for (const s of up.statements) t.regex(s.sql, / RENAME /, 'only renames');
      t.is(up.statements.length, 9);
      await withClient(A.url, {}, async (c) => {
        for (const s of up.statements) await c.query(s.sql);
      });
      const renamed = await readDatabase(A.url);
      t.deepEqual(diffCatalogs(renamed, loaded.catalog, { include: ['s'], exclude: [] }), [], 'the renamed database equals the desired one');
      t.deepEqual(planChanges(renamed, loaded.catalog, { include: ['s'], exclude: [] }, loaded.renames).statements, [], 'the re-plan is empty: the declarations are no-ops now');
      const rows = await withClient(A.url, {}, async (c) => (await c.query<{ v: string }>("SELECT string_agg(id || ':' || new_col || ':' || mood, ',' ORDER BY id) AS v FROM s.t")).rows[0]!.v);
      t.is(rows, '1:1:unhappy,2:2:ok');
      const down = planChanges(renamed, original, { include: ['s'], exclude: [] }, reverseRenames(up.renames));
      for (const s of down.statements) t.regex(s.sql, / RENAME /, 'the downgrade renames back');
      await withClient(A.url, {}, async (c) => {
        for (const s of down.statements) await c.query(s.sql);
      });
      t.deepEqual(diffCatalogs(await readDatabase(A.url), original, { include: ['s'], exclude: [] }), [], 'back to the original');
    } finally {
      await loaded.db.drop();
      await A.drop();
    }
  });
