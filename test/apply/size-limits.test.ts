/** The pure parts of sizes in hazards: the table a statement touches, annotation, limits and the gate. No database. */
import test from 'ava';
import { hazard } from '../../src/plan/hazards.js';
import { annotateHazardSizes } from '../../src/plan/hazard-sizes.js';
import { loadParser, statementTable } from '../../src/sql/statement-table.js';
import { DEFAULT_SIZE_LIMITS, parseSizeLimits } from '../../src/apply/size-gate.js';
import { blockedHazards, deriveWorkHazards, hazardRules, sizedHazardLines } from '../../src/apply/hazard-gate.js';
import type { TableSize } from '../../src/introspect/table-sizes.js';
import type { RevisionFile } from '../../src/revisions/types.js';
import { rev, stmt } from './helpers.js';

const MB = 1024 * 1024;
const size = (bytes: number, rows: number | null = 1000): TableSize => ({ rows, bytes, heapBytes: bytes });

test('the table a statement touches, from its parse tree', async (t) => {
  await loadParser();
  const cases: [string, string | null][] = [
    ['ALTER TABLE app.t ALTER COLUMN n TYPE bigint', 'app.t'],
    ['ALTER TABLE ONLY app.t VALIDATE CONSTRAINT c', 'app.t'],
    ['ALTER TABLE "App"."T x" SET LOGGED', 'App.T x'],
    ['CREATE UNIQUE INDEX CONCURRENTLY i ON app.t USING btree (a)', 'app.t'],
    ['CREATE INDEX i ON t (a)', 't'],
    ['CLUSTER app.t USING i', 'app.t'],
    ['VACUUM FULL app.t, app.u', 'app.t'],
    ['VACUUM FULL', null],
    ['ALTER DOMAIN app.d ADD CONSTRAINT c CHECK (VALUE > 0)', null],
    ['ALTER INDEX app.i RENAME TO j', null],
    ['not sql at all', null],
  ];
  for (const [sql, want] of cases) {
    const got = statementTable(sql);
    t.is(got ? [got.schema, got.name].filter(Boolean).join('.') : null, want, sql);
  }
});

test('annotation: the size goes into the message and the size field, once; tables the database lacks get none', async (t) => {
  const sizes = new Map([
    ['table:app.t', size(227 * MB, 1_000_000)],
    ['table:public.u', size(16 * 1024, 10)],
    ['matview:app.mv', size(3 * MB, 5000)],
  ]);
  const [rewrite, index, unqualified, created, informational, matview] = await annotateHazardSizes(
    [
      stmt('ALTER TABLE app.t ALTER COLUMN x TYPE bigint', { hazards: [hazard.rewritesTable('app.t', 'column x changes type')] }),
      stmt('CREATE INDEX CONCURRENTLY i ON app.t (x)', { hazards: [hazard.indexBuildOnline('app.i'), hazard.notTransactional('CREATE INDEX CONCURRENTLY')] }),
      stmt('ALTER TABLE u VALIDATE CONSTRAINT c', { hazards: [hazard.validatesOnline('u.c')] }),
      stmt('CREATE INDEX j ON app.new (x)', { hazards: [hazard.indexBuild('app.j')] }),
      stmt('ALTER TABLE app.t DROP COLUMN y', { hazards: [hazard.dropsColumn('app.t.y')] }),
      stmt('CREATE UNIQUE INDEX mv_k ON app.mv (k)', { hazards: [hazard.indexBuild('app.mv_k')] }),
    ],
    sizes,
  );
  t.is(rewrite!.hazards[0]!.message, 'rewrites app.t under an ACCESS EXCLUSIVE lock (column x changes type; app.t: ~1.0M rows, 227 MB)');
  t.deepEqual(rewrite!.hazards[0]!.size, { table: 'app.t', rows: 1_000_000, bytes: 227 * MB });
  t.is(index!.hazards[0]!.message, 'builds index app.i concurrently: writes go on, the build scans the table (app.t: ~1.0M rows, 227 MB)');
  t.is(index!.hazards[1]!.size, undefined, 'IS_NOT_TRANSACTIONAL carries no size');
  t.regex(unqualified!.hazards[0]!.message, /\(public\.u: ~10 rows, 16 kB\)$/);
  t.is(created!.hazards[0]!.size, undefined);
  t.is(informational!.hazards[0]!.size, undefined);
  t.regex(matview!.hazards[0]!.message, /\(app\.mv: ~5\.0k rows, 3\.0 MB\)$/, 'an index on a materialized view');
  const again = await annotateHazardSizes([rewrite!], sizes);
  t.is(again[0]!.hazards[0]!.message, rewrite!.hazards[0]!.message, 'annotating twice changes nothing');
});

test('size limits: defaults, then FAS_SIZE_LIMITS, then --size-limit; bad items are CONFIG errors', (t) => {
  t.deepEqual(parseSizeLimits([], undefined), { REWRITES_TABLE: 8 * MB, INDEX_BUILD: 1024 * MB, VALIDATES_CONSTRAINT: 1024 * MB });
  t.deepEqual(parseSizeLimits(['rewrites_table=0'], 'REWRITES_TABLE=8MB, INDEX_BUILD=500kB'), { ...DEFAULT_SIZE_LIMITS, REWRITES_TABLE: 0, INDEX_BUILD: 500 * 1024 });
  t.deepEqual(parseSizeLimits(['VALIDATES_CONSTRAINT=2GB', 'VALIDATES_CONSTRAINT=1MB'], ''), { ...DEFAULT_SIZE_LIMITS, VALIDATES_CONSTRAINT: MB });
  for (const [flags, env] of [[['DELETES_DATA=1MB'], undefined], [['REWRITES_TABLE=big'], undefined], [['8MB'], undefined], [[], 'INDEX_BUILD']] as const) {
    const e = t.throws(() => parseSizeLimits(flags, env));
    t.is((e as { code?: string }).code, 'CONFIG', e?.message);
  }
});

test('the gate: larger than the limit is refused, at or below it passes; a statement naming no table is refused; allowed by name passes', async (t) => {
  const steps = [
    stmt('ALTER TABLE app.t ALTER COLUMN x TYPE bigint', { hazards: [hazard.rewritesTable('app.t', 'x')] }),
    stmt('ALTER TABLE app.u ALTER COLUMN x TYPE bigint', { hazards: [hazard.rewritesTable('app.u', 'x')] }),
    stmt('CREATE INDEX CONCURRENTLY i ON app.t (x)', { transactional: false, hazards: [hazard.indexBuildOnline('app.i')] }),
    stmt('ALTER DOMAIN app.d ADD CONSTRAINT c CHECK (VALUE > 0)', { hazards: [hazard.validatesConstraint('app.d.c')] }),
    stmt('ALTER TABLE app.gone ALTER COLUMN x TYPE bigint', { hazards: [hazard.rewritesTable('app.gone', 'x')] }),
  ];
  const revision: RevisionFile = { ...rev('aaaaaaaaaaaa', null, 'r', steps, []), path: '/m/a.sql', checksum: 'sha256:a', actualChecksum: 'sha256:a' };
  const work = [{ revision, direction: 'upgrade' as const }];
  const sizes = new Map([
    ['table:app.t', size(8 * MB + 1)],
    ['table:app.u', size(8 * MB)],
  ]);
  const derived = await deriveWorkHazards(work);
  const blocked = (allow: ReadonlySet<'REWRITES_TABLE' | 'VALIDATES_CONSTRAINT'> | 'all', limits = DEFAULT_SIZE_LIMITS) =>
    blockedHazards(work, { ...hazardRules(allow, limits), sizes, locked: new Set<string>() }, derived).map((b) => `${b.step} ${b.hazard.type} ${b.size?.overLimit}`);
  t.deepEqual(blocked(new Set()), ['1 REWRITES_TABLE true', '4 VALIDATES_CONSTRAINT true'], 'app.u is exactly at the limit; app.gone does not exist yet: empty');
  t.deepEqual(blocked(new Set(['REWRITES_TABLE', 'VALIDATES_CONSTRAINT'])), []);
  t.deepEqual(blocked('all'), []);
  t.deepEqual(blocked(new Set(), { ...DEFAULT_SIZE_LIMITS, REWRITES_TABLE: 0, INDEX_BUILD: 8 * MB }), ['1 REWRITES_TABLE true', '2 REWRITES_TABLE true', '3 INDEX_BUILD true', '4 VALIDATES_CONSTRAINT true']);
  const lines = sizedHazardLines(work, { ...hazardRules(new Set(['VALIDATES_CONSTRAINT'])), sizes, locked: new Set<string>() }, derived);
  t.is(lines.length, 5);
  t.regex(lines[0]!, /step 1 .*app\.t: ~1\.0k rows, 8\.0 MB at apply start, larger than the REWRITES_TABLE limit of 8\.0 MB: refused without --allow-hazards REWRITES_TABLE/);
  t.regex(lines[1]!, /step 2 .*within the REWRITES_TABLE limit of 8\.0 MB: passes$/m);
  t.regex(lines[3]!, /step 4 .*names no table, so its size is unknown: counts as larger than the VALIDATES_CONSTRAINT limit of 1\.0 GB: passes \(allowed by --allow-hazards\)/);
  t.regex(lines[4]!, /step 5 .*app\.gone does not exist yet at apply start: empty, within the REWRITES_TABLE limit of 8\.0 MB: passes/);
  const locked = blockedHazards(work, { ...hazardRules(new Set()), sizes, locked: new Set(['table:app.u']) }, derived);
  t.deepEqual(locked.map((b) => b.step), [1, 2, 4], 'a table whose size a lock kept fas from reading counts as larger than the limit');
});
