import test from 'ava';
import { loadSource, runLoadedSource } from '../../src/load/index.js';
import { fixture, withDb } from './helpers.js';

test('a schema directory with YAML and SQL loads, orders and runs; the catalog holds the objects', async (t) => {
  const loaded = await loadSource(fixture('good'));
  t.true(loaded.files.some((f) => f.endsWith('workflow/agent_checkpoints.yaml')));

  const index = (start: string) => loaded.statements.findIndex((s) => s.sql.startsWith(start));
  // Tables before their foreign keys, views after the views they read, function before trigger.
  t.true(index('CREATE TABLE workflow.paused_analyses') < index('ALTER TABLE workflow.agent_checkpoints ADD CONSTRAINT fk_'));
  t.true(index('CREATE VIEW reporting.checkpoint_totals') < index('CREATE VIEW reporting.active_checkpoints'));
  t.true(index('CREATE FUNCTION workflow.touch_updated_at') < index('CREATE TRIGGER'));
  t.true(index('CREATE TYPE workflow.checkpoint_status') < index('CREATE TABLE workflow.agent_checkpoints'));
  t.true(index('CREATE MATERIALIZED VIEW') < index('CREATE UNIQUE INDEX ux_daily_counts_day'));
  t.true(index('CREATE VIEW reporting.active_checkpoints') < index('CREATE FUNCTION workflow.active_total'));
  t.is(index('CREATE SCHEMA public'), -1);

  // Deterministic: loading twice gives the same statements.
  t.deepEqual((await loadSource(fixture('good'))).statements, loaded.statements);

  await withDb(async (c) => {
    await runLoadedSource(c, loaded);
    const q = async (sql: string) => (await c.query(sql)).rows;

    const rels = await q(`SELECT n.nspname || '.' || c.relname AS name, c.relkind::text AS kind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('workflow', 'reporting') AND c.relkind IN ('r', 'v', 'm') ORDER BY 1`);
    t.deepEqual(rels, [
      { name: 'reporting.active_checkpoints', kind: 'v' },
      { name: 'reporting.checkpoint_totals', kind: 'v' },
      { name: 'reporting.daily_counts', kind: 'm' },
      { name: 'workflow.agent_checkpoints', kind: 'r' },
      { name: 'workflow.paused_analyses', kind: 'r' },
    ]);

    const cons = await q(`SELECT conname, contype::text AS type FROM pg_constraint
      WHERE conrelid = 'workflow.agent_checkpoints'::regclass ORDER BY conname`);
    t.deepEqual(cons, [
      { conname: 'agent_checkpoints_pkey', type: 'p' },
      { conname: 'ck_agent_checkpoints_qty', type: 'c' },
      { conname: 'fk_agent_checkpoints_analysis', type: 'f' },
      { conname: 'uq_agent_checkpoints_analysis_created', type: 'u' },
    ]);

    const fk = await q(`SELECT confrelid::regclass::text AS target, confdeltype::text AS del FROM pg_constraint WHERE conname = 'fk_agent_checkpoints_analysis'`);
    t.deepEqual(fk, [{ target: 'workflow.paused_analyses', del: 'c' }]);

    const cols = await q(`SELECT attname, format_type(atttypid, atttypmod) AS type, attnotnull, attidentity::text AS ident, attgenerated::text AS gen
      FROM pg_attribute WHERE attrelid = 'workflow.agent_checkpoints'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`);
    t.deepEqual(
      cols.map((r) => [r.attname, r.type, r.attnotnull, r.ident, r.gen]),
      [
        ['checkpoint_id', 'bigint', true, 'a', ''],
        ['analysis_id', 'uuid', true, '', ''],
        ['status', 'workflow.checkpoint_status', true, '', ''],
        ['confidence', 'workflow.confidence', false, '', ''],
        ['price', 'numeric(20,6)', false, '', ''],
        ['qty', 'integer', false, '', ''],
        ['total', 'numeric(20,6)', false, '', 's'],
        ['file_path', 'text', false, '', ''],
        ['state', 'jsonb', false, '', ''],
        ['created_at', 'timestamp with time zone', true, '', ''],
        ['updated_at', 'timestamp with time zone', false, '', ''],
      ],
    );

    const idx = await q(`SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS def FROM pg_index
      WHERE indrelid IN ('workflow.agent_checkpoints'::regclass, 'reporting.daily_counts'::regclass) ORDER BY 1`);
    t.deepEqual(
      idx.map((r) => r.name),
      [
        'reporting.ux_daily_counts_day',
        'workflow.agent_checkpoints_pkey',
        'workflow.ix_agent_checkpoints_analysis',
        'workflow.ix_agent_checkpoints_path',
        'workflow.uq_agent_checkpoints_analysis_created',
      ],
    );
    t.regex(idx.find((r) => r.name === 'workflow.ix_agent_checkpoints_analysis')!.def, /INCLUDE \(state\) WHERE \(status = 'active'/);
    t.regex(idx.find((r) => r.name === 'reporting.ux_daily_counts_day')!.def, /^CREATE UNIQUE INDEX/);

    const trg = await q(`SELECT tgname, tgfoid::regproc::text AS fn FROM pg_trigger WHERE tgrelid = 'workflow.agent_checkpoints'::regclass AND NOT tgisinternal`);
    t.deepEqual(trg, [{ tgname: 'trg_agent_checkpoints_touch', fn: 'workflow.touch_updated_at' }]);

    const comments = await q(`SELECT obj_description('workflow.agent_checkpoints'::regclass, 'pg_class') AS t,
      col_description('workflow.agent_checkpoints'::regclass, 1) AS c,
      obj_description('workflow'::regnamespace, 'pg_namespace') AS s,
      obj_description('reporting.checkpoint_totals'::regclass, 'pg_class') AS v`);
    t.deepEqual(comments, [{ t: 'One row per saved agent state.', c: 'Surrogate key.', s: 'Agent workflows and their checkpoints.', v: 'Totals per analysis.' }]);

    const opts = await q(`SELECT reloptions FROM pg_class WHERE oid = 'workflow.agent_checkpoints'::regclass`);
    t.deepEqual(opts[0]!.reloptions, ['fillfactor=70']);

    // The trigger and defaults work.
    await c.query(`INSERT INTO workflow.paused_analyses (reason) VALUES ('x')`);
    await c.query(`INSERT INTO workflow.agent_checkpoints (analysis_id, price, qty) SELECT analysis_id, 2.5, 4 FROM workflow.paused_analyses`);
    await c.query(`UPDATE workflow.agent_checkpoints SET qty = 5`);
    const row = await q(`SELECT status::text, total::text, updated_at IS NOT NULL AS touched FROM workflow.agent_checkpoints`);
    t.deepEqual(row, [{ status: 'active', total: '12.500000', touched: true }]);
    t.deepEqual(await q('SELECT workflow.active_total()::text AS n'), [{ n: '12.500000' }]);
  });
});
