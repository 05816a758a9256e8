/**
 * The data-loss invariant as a property (fast-check, fixed seed): random table
 * changes (columns added anywhere, dropped, renamed with or without a
 * declaration, retyped, reordered) on a table that holds rows. After the plan is
 * applied, every column of the old table keeps its values under its new name,
 * unless a DELETES_DATA hazard of the plan names that column (or its table).
 * A plan that fails on the rows is rolled back (nothing lost) and counted.
 * The check here is independent of fas's own verification code.
 */
import test from 'ava';
import fc from 'fast-check';
import pg from 'pg';
import { createDb, servers } from '../support/servers.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import type { Rename } from '../../src/diff/renames.js';
import type { Statement } from '../../src/plan/statement.js';

const TYPES = ['integer', 'bigint', 'text', 'boolean', 'numeric(10,2)', 'date'] as const;
type Type = (typeof TYPES)[number];

interface Col {
  readonly name: string;
  readonly type: Type;
  /** The old column it comes from (kept, renamed or retyped), if any. */
  readonly origin?: string;
  readonly declared?: boolean;
}

type Op =
  | { kind: 'add'; at: number; type: number }
  | { kind: 'drop'; at: number }
  | { kind: 'rename'; at: number; declared: boolean }
  | { kind: 'retype'; at: number; type: number }
  | { kind: 'reorder'; seed: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), at: fc.nat(9), type: fc.nat(5) }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat(9) }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(9), declared: fc.boolean() }),
  fc.record({ kind: fc.constant('retype' as const), at: fc.nat(9), type: fc.nat(5) }),
  fc.record({ kind: fc.constant('reorder' as const), seed: fc.nat(1000) }),
);

const model = fc.record({
  types: fc.array(fc.nat(5), { minLength: 2, maxLength: 4 }),
  ops: fc.array(op, { minLength: 1, maxLength: 3 }),
});

function value(type: Type, row: number, col: number): string {
  if ((row + col) % 4 === 3) return 'NULL';
  const n = row * 10 + col + 1;
  switch (type) {
    case 'integer':
    case 'bigint':
      return String(n);
    case 'numeric(10,2)':
      return `${n}.25`;
    case 'text':
      return `'${row % 2 ? `t${n}` : String(n)}'`;
    case 'boolean':
      return n % 2 ? 'true' : 'false';
    case 'date':
      return `'2024-01-${String((n % 28) + 1).padStart(2, '0')}'`;
  }
}

function desiredColumns(base: readonly Col[], ops: readonly Op[]): Col[] {
  let cols: Col[] = base.map((c) => ({ ...c, origin: c.name }));
  let fresh = 0;
  for (const o of ops) {
    const i = 'at' in o && cols.length ? o.at % cols.length : 0;
    if (o.kind === 'add') cols.splice(o.at % (cols.length + 1), 0, { name: `n${fresh++}`, type: TYPES[o.type]! });
    else if (!cols.length) continue;
    else if (o.kind === 'drop') cols.splice(i, 1);
    else if (o.kind === 'rename') {
      const c = cols[i]!;
      // an undeclared rename is a drop and an add of the same type
      cols[i] = o.declared && c.origin && !c.declared ? { ...c, name: `r${fresh++}`, declared: true } : { name: `r${fresh++}`, type: c.type };
    } else if (o.kind === 'retype') cols[i] = { ...cols[i]!, type: TYPES[o.type]! };
    else if (o.kind === 'reorder') {
      const r = [...cols];
      let s = o.seed;
      for (let k = r.length - 1; k > 0; k--) {
        s = (s * 1103515245 + 12345) % 2147483648;
        const j = s % (k + 1);
        [r[k], r[j]] = [r[j]!, r[k]!];
      }
      cols = r;
    }
  }
  return cols;
}

async function columnValues(c: pg.Client, schema: string): Promise<Map<string, { type: string; values: (string | null)[] }>> {
  const cols = await c.query<{ attname: string; t: string }>(
    `SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [`${schema}.t`],
  );
  const out = new Map<string, { type: string; values: (string | null)[] }>();
  for (const col of cols.rows) {
    const r = await c.query<{ v: string | null }>(`SELECT "${col.attname}"::text AS v FROM ${schema}.t ORDER BY id`);
    out.set(col.attname, { type: col.t, values: r.rows.map((x) => x.v) });
  }
  return out;
}

function namedByDeletesData(statements: readonly Statement[], schema: string, column: string): boolean {
  const names = [`${schema}.t.${column}`, `${schema}.t`];
  return statements.some((s) => s.hazards.some((h) => h.type === 'DELETES_DATA' && names.some((n) => (h.objects ?? []).includes(n) || new RegExp(`(?<![\\w.])${n.replaceAll('.', '\\.')}(?![\\w.])`).test(h.message))));
}

const server = servers()[0]!;

test(`${server.label}: no column's values disappear unless a DELETES_DATA hazard names it (property, fixed seed)`, async (t) => {
  const A = await createDb(server, 'fas_prop');
  const B = await createDb(server, 'fas_prop');
  const a = new pg.Client({ connectionString: A.url });
  const b = new pg.Client({ connectionString: B.url });
  await a.connect();
  await b.connect();
  let run = 0;
  const stats = { applied: 0, failedOnRows: 0, checkedColumns: 0, excused: 0 };
  try {
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const schema = `p${run++}`;
        const base: Col[] = m.types.map((ty, i) => ({ name: `c${i}`, type: TYPES[ty]! }));
        const want = desiredColumns(base, m.ops);
        const renames: Rename[] = want.filter((c) => c.declared).map((c) => ({ kind: 'column', schema, parent: 't', from: c.origin!, to: c.name }));
        const ddl = (cols: readonly Col[]) => `CREATE TABLE ${schema}.t (id integer PRIMARY KEY${cols.map((c) => `, ${c.name} ${c.type}`).join('')})`;
        await a.query(`CREATE SCHEMA ${schema}; ${ddl(base)}`);
        await b.query(`CREATE SCHEMA ${schema}; ${ddl(want)}`);
        for (let r = 0; r < 4; r++) await a.query(`INSERT INTO ${schema}.t VALUES (${r + 1}${base.map((c, i) => `, ${value(c.type, r, i)}`).join('')})`);
        try {
          const scope = { include: [schema], exclude: [] };
          const plan = planChanges(await readDatabase(A.url), await readDatabase(B.url), scope, renames);
          const before = await columnValues(a, schema);
          await a.query('BEGIN');
          try {
            for (const s of plan.statements) await a.query(s.sql);
            await a.query('COMMIT');
          } catch {
            await a.query('ROLLBACK');
            stats.failedOnRows++;
            const same = await columnValues(a, schema);
            t.deepEqual([...same], [...before], 'a plan that fails leaves the rows as they were');
            return;
          }
          stats.applied++;
          const after = await columnValues(a, schema);
          for (const [name, was] of before) {
            if (namedByDeletesData(plan.statements, schema, name)) {
              stats.excused++;
              continue;
            }
            const now = after.get(want.find((c) => c.origin === name && c.declared)?.name ?? name);
            t.truthy(now, `column ${name} disappeared without a DELETES_DATA hazard naming it\n${plan.statements.map((s) => s.sql).join('\n')}`);
            if (!now) return;
            stats.checkedColumns++;
            if (now.type === was.type) t.deepEqual(now.values, was.values, `column ${name} keeps its values`);
            else t.deepEqual(now.values.map((v) => v === null), was.values.map((v) => v === null), `column ${name} (${was.type} -> ${now.type}) keeps a value in every row that had one`);
          }
        } finally {
          await a.query(`DROP SCHEMA ${schema} CASCADE`);
          await b.query(`DROP SCHEMA ${schema} CASCADE`);
        }
      }),
      { seed: 20261130, numRuns: 30, endOnFailure: true },
    );
    t.log(stats);
    t.true(stats.applied >= 10, `enough plans applied on rows to mean something: ${JSON.stringify(stats)}`);
    t.true(stats.checkedColumns >= 20 && stats.excused >= 3, `both kept and dropped columns were exercised: ${JSON.stringify(stats)}`);
  } finally {
    await a.end();
    await b.end();
    await A.drop();
    await B.drop();
  }
});
