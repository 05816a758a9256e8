/**
 * The workflow on a fresh database, on PostgreSQL 15 and 18: plan, apply, plan
 * again (no changes), change schema/, plan and apply the change (refused without
 * --allow-hazards when it drops a column), then downgrade base leaves it empty.
 */
import test from 'ava';
import { execa } from 'execa';
import { mkdtemp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, query, servers } from '../support/servers.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');

for (const server of servers())
  test(`${server.label}: plan, apply, re-plan is empty, change, downgrade base`, async (t) => {
    const db = await createDb(server, 'fas_plan_rt');
    const dir = await mkdtemp(join(tmpdir(), 'fas-plan-rt-'));
    const fas = (...args: string[]) => execa('node', [FAS, ...args, '--db', db.url], { cwd: dir, reject: false, env: { ...process.env, FAS_DEV_DATABASE_URL: server.adminUrl } });
    try {
      await mkdir(join(dir, 'schema', 'app'), { recursive: true });
      const tables = (extra: string) =>
        writeFile(
          join(dir, 'schema', 'app', 'tables.sql'),
          `CREATE TYPE app.kind AS ENUM ('a', 'b');
           CREATE TABLE app.t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, k app.kind NOT NULL DEFAULT 'a'${extra});
           CREATE VIEW app.v AS SELECT id, k FROM app.t;
           CREATE MATERIALIZED VIEW app.mv AS SELECT k, count(*) AS n FROM app.t GROUP BY k;
           CREATE UNIQUE INDEX mv_k ON app.mv (k);`,
        );
      await tables(', old_note text');
      const p1 = await fas('plan', '-m', 'Initial schema', '--rev-id', 'aaaaaaaaaaaa');
      t.is(p1.exitCode, 0, p1.stderr);
      t.regex(p1.stdout, /Wrote .*aaaaaaaaaaaa_initial_schema\.sql/);
      t.is((await fas('apply')).exitCode, 0);
      const p2 = await fas('plan');
      t.is(p2.exitCode, 0);
      t.regex(p2.stdout, /No changes/);
      await tables(', note text');
      const p3 = await fas('plan', '-m', 'rename note');
      t.is(p3.exitCode, 0, p3.stderr);
      const refused = await fas('apply');
      t.is(refused.exitCode, 1, 'dropping a column needs --allow-hazards');
      t.regex(refused.stderr, /DELETES_DATA/);
      t.is((await fas('apply', '--allow-hazards', 'DELETES_DATA')).exitCode, 0);
      t.regex((await fas('plan')).stdout, /No changes/);
      t.is((await readdir(join(dir, 'generated-migrations'))).length, 2);
      const down = await fas('downgrade', 'base', '--allow-hazards', 'all');
      t.is(down.exitCode, 0, down.stderr);
      t.deepEqual(await query(db.url, "SELECT 1 FROM pg_namespace WHERE nspname = 'app'"), []);
      t.deepEqual(await query(db.url, 'SELECT * FROM public.alembic_version'), []);
    } finally {
      await db.drop();
    }
  });
