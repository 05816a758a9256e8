/**
 * Hazards derived from parsed SQL: each rule on its own, and consistency with
 * the planner: no statement of a generated plan (the golden snapshots, the
 * repository's own revision) carries a derived blocking hazard its step
 * comment does not declare, so generated plans are gated exactly as before.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { derivationState, deriveSectionHazards } from '../../src/apply/sql-hazards.js';
import type { LiveColumnType } from '../../src/apply/column-types.js';
import type { Hazard, HazardType } from '../../src/plan/hazards.js';
import { HAZARD_TYPES } from '../../src/plan/hazards.js';
import { readRevisionDir } from '../../src/revisions/chain.js';
import { splitStatements } from '../../src/sql/parser.js';
import { ROOT, stmt } from './helpers.js';

async function derive(sqls: string[], declared: Hazard[][] = [], live?: LiveColumnType): Promise<string[][]> {
  const got = await deriveSectionHazards(sqls.map((s, i) => stmt(s, { hazards: declared[i] ?? [] })), derivationState(live));
  return got.map((hs) => hs.map((h) => h.type));
}

const CASES: [string, HazardType[]][] = [
  ['TRUNCATE app.t', ['DELETES_DATA']],
  ['DELETE FROM app.t WHERE id > 3', ['DELETES_DATA']],
  ['UPDATE app.t SET note = NULL', ['DELETES_DATA']],
  ['INSERT INTO app.t (id) VALUES (1) ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note', ['DELETES_DATA']],
  ['INSERT INTO app.t (id) VALUES (1) ON CONFLICT DO NOTHING', []],
  ['MERGE INTO app.t USING app.s ON t.id = s.id WHEN MATCHED THEN DELETE', ['DELETES_DATA']],
  ['DROP TABLE app.t', ['DELETES_DATA']],
  ['DROP TABLE IF EXISTS app.t, app.u', ['DELETES_DATA', 'DELETES_DATA']],
  ['DROP MATERIALIZED VIEW app.mv', ['DELETES_DATA']],
  ['DROP SEQUENCE app.s', ['DELETES_DATA']],
  ['DROP SCHEMA app', ['DELETES_DATA']],
  ['DROP TYPE app.e', []],
  ['DROP TYPE app.e CASCADE', ['DELETES_DATA']],
  ['DROP FUNCTION app.f(integer)', []],
  ['DROP FUNCTION app.f(integer) CASCADE', ['DELETES_DATA']],
  ['DROP VIEW app.v', []],
  ['DROP INDEX CONCURRENTLY app.t_idx', []],
  ['ALTER TABLE app.t DROP COLUMN note', ['DELETES_DATA']],
  ['ALTER TABLE app.t ADD COLUMN note text, DROP COLUMN old', ['DELETES_DATA']],
  ['ALTER TABLE app.t ALTER COLUMN n TYPE bigint', ['REWRITES_TABLE']],
  ['ALTER TABLE app.t SET UNLOGGED', ['REWRITES_TABLE']],
  ['ALTER TYPE app.c DROP ATTRIBUTE a', []],
  ['ALTER TYPE app.c DROP ATTRIBUTE a CASCADE', ['DELETES_DATA']],
  ['DROP DATABASE other', ['DELETES_DATA']],
  ['DROP OWNED BY someone', ['DELETES_DATA']],
  ['VACUUM FULL app.t', ['REWRITES_TABLE']],
  ['VACUUM app.t', []],
  ['CLUSTER app.t USING t_pkey', ['REWRITES_TABLE']],
  ['CREATE INDEX CONCURRENTLY t_idx ON app.t (note)', []],
  ['CREATE TABLE app.t (id int)', []],
  ['ALTER TABLE app.t RENAME COLUMN a TO b', []],
  ['ALTER TABLE app.t ADD CONSTRAINT c CHECK (id > 0) NOT VALID', []],
  ['INSERT INTO app.t (id) SELECT id FROM app.s WHERE id > 0', []],
];

for (const [sql, want] of CASES) {
  test(`derived: ${sql}`, async (t) => {
    t.deepEqual((await derive([sql]))[0], want);
  });
}

test('a declared hazard of the same type is not repeated; a type-change hazard covers ALTER COLUMN TYPE', async (t) => {
  const drop: Hazard = { type: 'DELETES_DATA', message: 'drops table app.t and all its rows' };
  const narrows: Hazard = { type: 'NARROWS_TYPE', message: 'x' };
  const enumRemoved: Hazard = { type: 'ENUM_VALUE_REMOVED', message: 'x' };
  const got = await derive(['DROP TABLE app.t', 'ALTER TABLE app.t ALTER COLUMN n TYPE int', 'ALTER TABLE app.t ALTER COLUMN s TYPE app.e USING s::text::app.e'], [[drop], [narrows], [enumRemoved]]);
  t.deepEqual(got, [[], [], []]);
});

test('a table whose rows an earlier plain INSERT ... SELECT copied whole may be dropped; a partial copy does not count', async (t) => {
  const whole = await derive(['INSERT INTO app.t (id, note) SELECT id, note FROM app.t__fas_old', 'DROP TABLE app.t__fas_old']);
  t.deepEqual(whole, [[], []]);
  const partial = await derive(['INSERT INTO app.t (id) SELECT id FROM app.t__fas_old WHERE id < 10', 'DROP TABLE app.t__fas_old']);
  t.deepEqual(partial, [[], ['DELETES_DATA']]);
  const other = await derive(['INSERT INTO app.t (id) SELECT id FROM app.x', 'DROP TABLE app.t__fas_old']);
  t.deepEqual(other, [[], ['DELETES_DATA']]);
});

test('ALTER COLUMN TYPE: binary-coercible from the type the column has when it runs (live, or set earlier in the run) is no rewrite', async (t) => {
  const live: LiveColumnType = async (schema, table, column) => (schema === 'app' && table === 't' ? ({ a: 'character varying(10)', n: 'integer', ts: 'timestamp(0) with time zone' } as Record<string, string>)[column] : undefined);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN a TYPE text USING a::text'], [], live), [[]]);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN a TYPE varchar(20)'], [], live), [[]]);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN a TYPE varchar(5)'], [], live), [['REWRITES_TABLE']]);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN ts TYPE timestamp(3) with time zone'], [], live), [[]]);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN n TYPE bigint'], [], live), [['REWRITES_TABLE']]);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN unknown_col TYPE text'], [], live), [['REWRITES_TABLE']]);
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN a TYPE text'], [], undefined), [['REWRITES_TABLE']], 'no live type: assume a rewrite');
  // the run's own statements come first: a varchar(10) widened twice, then a table renamed away
  t.deepEqual(await derive(['ALTER TABLE app.t ALTER COLUMN a TYPE varchar(30)', 'ALTER TABLE app.t ALTER COLUMN a TYPE varchar(20)'], [], live), [[], ['REWRITES_TABLE']]);
  t.deepEqual(await derive(['CREATE TABLE app.u (a varchar(10))', 'ALTER TABLE app.u ALTER COLUMN a TYPE text'], [], live), [[], []]);
  t.deepEqual(await derive(['ALTER TABLE app.t RENAME TO t_old', 'CREATE TABLE app.t (a integer)', 'ALTER TABLE app.t ALTER COLUMN a TYPE text'], [], live), [[], [], ['REWRITES_TABLE']]);
  t.deepEqual(await derive(['ALTER TABLE app.t DROP COLUMN a', 'ALTER TABLE app.t ADD COLUMN a integer', 'ALTER TABLE app.t ALTER COLUMN a TYPE text'], [], live), [['DELETES_DATA'], [], ['REWRITES_TABLE']]);
  // a table dropped and made again: the types the run set on the old one are forgotten (LIKE gives columns this module cannot tell)
  t.deepEqual(
    await derive(['ALTER TABLE app.t ALTER COLUMN a TYPE varchar(30)', 'DROP TABLE app.t', 'CREATE TABLE app.t (LIKE app.src)', 'ALTER TABLE app.t ALTER COLUMN a TYPE text'], [], live),
    [[], ['DELETES_DATA'], [], ['REWRITES_TABLE']],
  );
});

/** The snapshot report's plans: statements with the hazards their comments declare. */
async function goldenPlans(): Promise<{ name: string; statements: { sql: string; hazards: Hazard[] }[] }[]> {
  const md = await readFile(join(ROOT, 'test', 'engine', 'snapshots', 'golden.test.ts.md'), 'utf8');
  const out: { name: string; statements: { sql: string; hazards: Hazard[] }[] }[] = [];
  for (const block of md.split('\n## ').slice(1)) {
    const name = block.slice(0, block.indexOf('\n'));
    const body = block
      .split('\n')
      .filter((l) => l.startsWith('    '))
      .map((l) => l.slice(4).replace(/␊$/, ''))
      .join('\n')
      .replace(/^`/, '')
      .replace(/`$/, '');
    if (!body.trim()) continue;
    const buf = Buffer.from(body, 'utf8');
    let gapStart = 0;
    const statements = (await splitStatements(body)).map((s) => {
      // libpg-query's statement location skips leading comments: the step's hazard comments are in the gap before it
      const raw = buf.subarray(gapStart, s.rawEnd).toString('utf8');
      gapStart = s.rawEnd + 1;
      const hazards = raw
        .split('\n')
        .map((l) => /^-- hazard ([A-Z_]+): (.*)$/.exec(l.trim()))
        .filter((m): m is RegExpExecArray => m !== null && (HAZARD_TYPES as readonly string[]).includes(m[1]!))
        .map((m) => ({ type: m[1] as HazardType, message: m[2]! }));
      return { sql: s.sql, hazards };
    });
    out.push({ name, statements });
  }
  return out;
}

/** The column types of the state a golden plan starts from ("pg15 NAME up" starts from NAME/a.sql, "down" from b.sql). */
async function caseTypes(plan: string): Promise<LiveColumnType | undefined> {
  const m = /^pg\d+ (.+) (up|down)$/.exec(plan);
  if (!m) return undefined;
  let sql: string;
  try {
    sql = await readFile(join(ROOT, 'test', 'cases', m[1]!, m[2] === 'up' ? 'a.sql' : 'b.sql'), 'utf8');
  } catch {
    return undefined;
  }
  const state = derivationState();
  await deriveSectionHazards((await splitStatements(sql)).map((s) => stmt(s.sql)), state);
  return async (schema, table, column) => (await state.tracker.typeOf(schema, table, column)) ?? (schema === 'public' ? state.tracker.typeOf(undefined, table, column) : undefined);
}

test('generated plans: the golden snapshots carry no blocking hazard that their step comments do not declare', async (t) => {
  const plans = await goldenPlans();
  t.true(plans.length > 50, `read ${plans.length} plans`);
  const extra: string[] = [];
  for (const p of plans) {
    const derived = await deriveSectionHazards(p.statements.map((s) => stmt(s.sql, { hazards: s.hazards })), derivationState(await caseTypes(p.name)));
    derived.forEach((hs, i) => hs.forEach((h) => extra.push(`${p.name} step ${i + 1}: ${h.type} ${h.message}\n    ${p.statements[i]!.sql.slice(0, 120)}`)));
  }
  t.deepEqual(extra, []);
});

test("generated plans: the repository's own revision needs no hazard beyond what it declares", async (t) => {
  const chain = await readRevisionDir(join(ROOT, 'generated-migrations'));
  for (const r of chain.revisions)
    for (const section of ['upgrade', 'downgrade'] as const) {
      const derived = await deriveSectionHazards(r[section]);
      t.deepEqual(derived.flat(), [], `${r.id} ${section}`);
    }
});
