import test from 'ava';
import { loadSource } from '../../src/load/index.js';
import { tempSchema } from './helpers.js';

test('a single .yaml file creates its schema; a single .sql file is taken as written', async (t) => {
  const dir = await tempSchema({
    't.yaml': 'table: app.t\ncolumns:\n  - { name: id, type: int, nullable: false }\nprimary_key: [id]\n',
    'x.sql': 'CREATE TABLE app.u (id int REFERENCES app.w);\nCREATE SCHEMA app;\nCREATE TABLE app.w (id int PRIMARY KEY);\n',
  });
  const y = await loadSource(`${dir}/t.yaml`);
  t.deepEqual(
    y.statements.map((s) => s.sql),
    ['CREATE SCHEMA app', 'CREATE TABLE app.t (\n  id int NOT NULL,\n  PRIMARY KEY (id)\n)'],
  );
  const s = await loadSource(`${dir}/x.sql`);
  t.deepEqual(
    s.statements.map((x) => `${x.line}:${x.column} ${x.sql}`),
    ['2:1 CREATE SCHEMA app', '3:1 CREATE TABLE app.w (id int PRIMARY KEY)', '1:1 CREATE TABLE app.u (id int REFERENCES app.w)'],
  );
});

test('public gets no CREATE SCHEMA, only its comment; names are quoted only where needed', async (t) => {
  const dir = await tempSchema({
    'public/schema.yaml': 'comment: Default schema.\n',
    'public/Order.yaml': 'table: public.Order\ncolumns:\n  - { name: user, type: text, comment: "it\'s" }\n',
  });
  const l = await loadSource(dir);
  t.deepEqual(
    l.statements.map((s) => s.sql),
    [
      'CREATE TABLE public."Order" (\n  "user" text\n)',
      'COMMENT ON COLUMN public."Order"."user" IS \'it\'\'s\'',
      "COMMENT ON SCHEMA public IS 'Default schema.'",
    ],
  );
});
