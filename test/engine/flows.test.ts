/**
 * The apply, downgrade, current and history flows called as functions, without
 * the command line: options in, result objects out (src/engine/*-flow.ts).
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFlow, downgradeFlow, type RunFlowOptions } from '../../src/engine/apply-flow.js';
import { currentFlow, historyFlow } from '../../src/engine/status-flow.js';
import { hazardRules, parseAllowHazards } from '../../src/apply/hazard-gate.js';
import { FasError } from '../../src/util/errors.js';
import { writeRevision } from '../../src/revisions/write.js';
import { hazard } from '../../src/plan/hazards.js';
import type { Statement } from '../../src/plan/statement.js';
import { createDb, query, servers } from '../support/servers.js';

function stmt(sql: string, hazards: Statement['hazards'] = []): Statement {
  return { sql, hazards, transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 60_000, source: sql.toLowerCase() };
}

for (const server of servers()) {
  test(`${server.label}: applyFlow, currentFlow, historyFlow and downgradeFlow return what they did`, async (t) => {
    const db = await createDb(server);
    t.teardown(() => db.drop());
    const dir = await mkdtemp(join(tmpdir(), 'fas-flows-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const a = 'a1a1a1a1a1a1';
    const b = 'b2b2b2b2b2b2';
    const created = '2026-01-01T00:00:00Z';
    await writeRevision(dir, { id: a, parent: null, message: 'Items', created, upgrade: [stmt('CREATE TABLE public.items (id integer)')], downgrade: [stmt('DROP TABLE public.items', [hazard.dropsTable('public.items')])] });
    await writeRevision(dir, { id: b, parent: a, message: 'Note', created, upgrade: [stmt('ALTER TABLE public.items ADD COLUMN note text')], downgrade: [stmt('ALTER TABLE public.items DROP COLUMN note')] });
    const log: string[] = [];
    const base: RunFlowOptions = { dir, db: db.url, env: {}, cwd: dir, allowHazards: hazardRules(parseAllowHazards([])), log: (m) => log.push(m), out: (m) => log.push(m) };

    const dry = await applyFlow({ ...base, dryRun: true });
    t.deepEqual([dry.planned.map((w) => w.revision.id), dry.done.length, dry.current], [[a, b], 0, null]);

    const first = await applyFlow({ ...base, to: a });
    t.deepEqual([first.done.map((w) => w.revision.id), first.current, first.head], [[a], a, b]);
    const cur = await currentFlow(base);
    t.deepEqual([cur.status.current, cur.status.pending.map((r) => r.id), cur.problems.any, cur.broken], [a, [b], false, false]);

    const rest = await applyFlow(base);
    t.deepEqual([rest.done.map((w) => w.revision.id), rest.current], [[b], b]);
    t.deepEqual((await query(db.url, "SELECT attname FROM pg_attribute WHERE attrelid = 'public.items'::regclass AND attnum > 0 ORDER BY attnum")).map((r) => r.attname), ['id', 'note']);

    const hist = await historyFlow(base);
    t.true(hist.hasTarget);
    t.deepEqual(hist.status?.revisions.map((s) => [s.revision.id, s.applied !== undefined]), [[a, true], [b, true]]);
    const filesOnly = await historyFlow({ ...base, db: undefined });
    t.deepEqual([filesOnly.hasTarget, filesOnly.status, filesOnly.reading.chain.head], [false, undefined, b]);

    // base drops the table: refused without DELETES_DATA, nothing reverted
    const refused = await t.throwsAsync(downgradeFlow({ ...base, target: { kind: 'base' } }), { instanceOf: FasError });
    t.regex(refused!.message, /DELETES_DATA/);
    const down = await downgradeFlow({ ...base, target: { kind: 'base' }, allowHazards: hazardRules(parseAllowHazards(['DELETES_DATA'])) });
    t.deepEqual([down.done.map((w) => w.revision.id), down.current], [[b, a], null]);
    t.deepEqual(await query(db.url, "SELECT 1 FROM pg_class WHERE oid = to_regclass('public.items')"), []);
  });
}
