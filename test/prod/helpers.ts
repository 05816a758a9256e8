/** Fixtures for the production drift tests: a tiny project (schema/ + two revisions) and the CLI spawned. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { Statement } from '../../src/plan/statement.js';
import type { Revision } from '../../src/revisions/types.js';
import { writeRevision } from '../../src/revisions/write.js';
import { newRevisionId } from '../../src/revisions/revision-id.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FAS = join(ROOT, 'bin', 'fas.js');

function stmt(sql: string): Statement {
  return { sql, hazards: [], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 60_000, source: sql.split(/\s+/).slice(0, 4).join(' ').toLowerCase() };
}

const TABLES_SQL = `CREATE TABLE app.items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) DEFAULT 0);

CREATE INDEX items_name_idx ON app.items (name);

COMMENT ON TABLE app.items IS 'Items for sale';
`;

const VIEWS_SQL = `CREATE MATERIALIZED VIEW app.item_names AS SELECT id, name FROM app.items;

CREATE UNIQUE INDEX item_names_id_idx ON app.item_names (id);

COMMENT ON MATERIALIZED VIEW app.item_names IS 'Names of items';
`;

export interface Project {
  readonly dir: string;
  readonly revisions: readonly [Revision, Revision];
}

/** A project directory: schema/app/{tables,views}.sql and generated-migrations/ with the same objects in two revisions. */
export async function makeProject(t: { teardown(fn: () => Promise<void>): void }): Promise<Project> {
  const dir = await mkdtemp(join(tmpdir(), 'fas-prod-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await mkdir(join(dir, 'schema', 'app'), { recursive: true });
  await writeFile(join(dir, 'schema', 'app', 'tables.sql'), TABLES_SQL);
  await writeFile(join(dir, 'schema', 'app', 'views.sql'), VIEWS_SQL);
  const a = newRevisionId();
  const b = newRevisionId();
  const revs: [Revision, Revision] = [
    {
      id: a,
      parent: null,
      message: 'Create items',
      created: '2026-01-01T00:00:00Z',
      upgrade: [
        stmt('CREATE SCHEMA app'),
        stmt('CREATE TABLE app.items (id integer PRIMARY KEY, name text NOT NULL, price numeric(10,2) DEFAULT 0)'),
        stmt('CREATE INDEX items_name_idx ON app.items (name)'),
        stmt("COMMENT ON TABLE app.items IS 'Items for sale'"),
      ],
      downgrade: [stmt('DROP TABLE app.items'), stmt('DROP SCHEMA app')],
    },
    {
      id: b,
      parent: a,
      message: 'Item names',
      created: '2026-01-02T00:00:00Z',
      upgrade: [
        stmt('CREATE MATERIALIZED VIEW app.item_names AS SELECT id, name FROM app.items'),
        stmt('CREATE UNIQUE INDEX item_names_id_idx ON app.item_names (id)'),
        stmt("COMMENT ON MATERIALIZED VIEW app.item_names IS 'Names of items'"),
      ],
      downgrade: [stmt('DROP MATERIALIZED VIEW app.item_names')],
    },
  ];
  for (const r of revs) await writeRevision(join(dir, 'generated-migrations'), r);
  return { dir, revisions: revs };
}

/** Hand-made drift: five differences from schema/. */
export const DRIFT_SQL = `
CREATE INDEX items_price_idx ON app.items (price);
ALTER TABLE app.items ALTER COLUMN price TYPE numeric(12,3), ALTER COLUMN price SET DEFAULT 1;
DROP INDEX app.item_names_id_idx;
CREATE SCHEMA extra;
CREATE TABLE extra.notes (id integer, body text);
COMMENT ON MATERIALIZED VIEW app.item_names IS 'Changed by hand';
`;

export function fas(args: string[], opts: { cwd: string; env?: Record<string, string> }) {
  return execa('node', [process.env.FAS_TEST_BIN ?? FAS, ...args], {
    reject: false,
    cwd: opts.cwd,
    env: { ...process.env, DATABASE_URL: '', FAS_PROD_DATABASE_URL: '', FAS_DEV_DATABASE_URL: '', ...opts.env },
  });
}
