/**
 * ALTER TABLE between two versions of a table that stays, one function per
 * aspect: partition bound, persistence, inheritance, constraints, columns,
 * storage options, row level security, comment and grants. Constraints are
 * dropped before columns (they may reference them) and added after.
 */
import type { Column, Constraint, Table } from '../../catalog/model.js';
import { id, ref, refKey } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { sameDefinition } from '../../sql/expression-key.js';
import { deepEqual } from '../../diff/equal.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type PlanContext } from '../context.js';
import { inheritingTables, ownedSequenceIds } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { aclStatements, commentStatements, optionChanges } from './common.js';
import { columnChanges, columnDefinition, needsRemake } from './table-columns.js';
import { volatileDefaultHazards } from './constraint-online.js';
import { columnsToReorder, emptyGuardStatements, emptyGuardToken } from './column-order.js';
import { addConstraintStatements, dropConstraint, tableId } from './table.js';

export function alterTable(a: Table, b: Table, ctx: PlanContext): PlannedStatement[] {
  // an empty table reaches the declared column order by re-making the columns out of place
  const reorder = columnsToReorder(a, b, ctx, needsRemake);
  return [
    ...partitionBound(a, b),
    ...persistence(a, b),
    ...inheritance(a, b),
    ...droppedConstraints(a, b, ctx),
    ...(reorder.size ? emptyGuardStatements(a) : []),
    ...droppedColumns(a, b, ctx, reorder),
    ...addedOrChangedColumns(a, b, ctx, reorder),
    ...addedConstraints(a, b, ctx),
    ...properties(a, b),
  ];
}

const src = (t: Table) => `alter table ${t.schema}.${t.name}`;
const own = (t: Table): Constraint[] => t.constraints.filter((c) => !c.inherited);
const sameConstraint = (x: Constraint, y: Constraint) => sameDefinition('constraint', x.definition, y.definition) && x.type === y.type;

/** A partition whose bound changes is detached and attached again. */
function partitionBound(a: Table, b: Table): PlannedStatement[] {
  if (!a.partitionOf || !b.partitionOf || a.partitionOf.bound === b.partitionOf.bound) return [];
  const parent = qualified(b.partitionOf.schema, b.partitionOf.table);
  const name = qualified(b.schema, b.name);
  const attached = id.mark('partition', ref.relation('table', b.schema, b.name));
  return [
    stmt({ sql: `ALTER TABLE ${parent} DETACH PARTITION ${name}`, source: src(b), rank: RANK.alterTable, removes: [attached] }),
    stmt({ sql: `ALTER TABLE ${parent} ATTACH PARTITION ${name} ${b.partitionOf.bound}`, source: src(b), rank: RANK.alterTable, provides: [attached] }),
  ];
}

function persistence(a: Table, b: Table): PlannedStatement[] {
  if (a.unlogged === b.unlogged) return [];
  return [
    stmt({
      sql: `ALTER TABLE ${qualified(b.schema, b.name)} SET ${b.unlogged ? 'UNLOGGED' : 'LOGGED'}`,
      source: src(b),
      rank: RANK.alterTable,
      needs: [tableId(b)],
      hazards: [hazard.rewritesTable(`${b.schema}.${b.name}`, `becomes ${b.unlogged ? 'unlogged' : 'logged'}`)],
    }),
  ];
}

function inheritance(a: Table, b: Table): PlannedStatement[] {
  const name = qualified(b.schema, b.name);
  const parent = (p: { schema: string; table: string }) => id.relation('table', p.schema, p.table);
  const before = new Set(a.inherits.map(parent));
  const after = new Set(b.inherits.map(parent));
  const out: PlannedStatement[] = [];
  for (const p of a.inherits)
    if (!after.has(parent(p))) out.push(stmt({ sql: `ALTER TABLE ${name} NO INHERIT ${qualified(p.schema, p.table)}`, source: src(b), rank: RANK.dropChild, uses: [parent(p)] }));
  for (const p of b.inherits)
    if (!before.has(parent(p))) out.push(stmt({ sql: `ALTER TABLE ${name} INHERIT ${qualified(p.schema, p.table)}`, source: src(b), rank: RANK.alterTable, needs: [tableId(b), parent(p)] }));
  return out;
}

function droppedConstraints(a: Table, b: Table, ctx: PlanContext): PlannedStatement[] {
  const cb = new Map(own(b).map((c) => [c.name, c]));
  return own(a)
    .filter((c) => {
      const d = cb.get(c.name);
      return !d || !sameConstraint(c, d);
    })
    .map((c) => dropConstraint(a, c, ctx));
}

function addedConstraints(a: Table, b: Table, ctx: PlanContext): PlannedStatement[] {
  const name = qualified(b.schema, b.name);
  const ca = new Map(own(a).map((c) => [c.name, c]));
  const out: PlannedStatement[] = [];
  const comment = (n: string, from: string | null, to: string | null) => commentStatements(`CONSTRAINT ${ident(n)} ON ${name}`, from, to, id.constraint(b.schema, b.name, n), src(b));
  for (const c of own(b)) {
    const d = ca.get(c.name);
    if (!d || !sameConstraint(d, c)) out.push(...addConstraintStatements(b, c, ctx));
    else out.push(...comment(c.name, d.comment, c.comment));
    if (d && !sameConstraint(d, c)) out.push(...comment(c.name, null, c.comment));
  }
  for (const c of own(b)) if (!ca.has(c.name)) out.push(...comment(c.name, null, c.comment));
  return out;
}

/** Columns that go away, are re-made (generated expression, column order of an empty table), or become inherited. */
function droppedColumns(a: Table, b: Table, ctx: PlanContext, reorder: ReadonlySet<string>): PlannedStatement[] {
  const colsB = new Map(b.columns.map((c) => [c.name, c]));
  const out: PlannedStatement[] = [];
  for (const c of a.columns) {
    const d = colsB.get(c.name);
    if (c.inherited && (!d || d.inherited)) continue;
    // a local column that the desired state inherits from a parent: drop it here, the parent brings it back
    const becomesInherited = !!d && d.inherited && !c.inherited;
    const moves = reorder.has(c.name);
    if (d && !needsRemake(c, d) && !becomesInherited && !moves) continue;
    const column = ref.column(a.schema, a.name, c.name);
    const cid = refKey(column);
    out.push(
      stmt({
        sql: `ALTER TABLE ${qualified(a.schema, a.name)} DROP COLUMN ${ident(c.name)}`,
        source: `drop column ${a.schema}.${a.name}.${c.name}`,
        rank: RANK.alterTable,
        removes: [cid, ...ownedSequenceIds(ctx.current, a.schema, a.name, c.name)],
        provides: [id.mark('dropped', column), ...b.inherits.map((p) => id.mark('child-released', ref.column(p.schema, p.table, c.name)))],
        needs: moves ? [emptyGuardToken(a)] : [],
        uses: [...(ctx.current.dependsOn.get(cid) ?? [])],
        hazards: [hazard.dropsColumn(`${a.schema}.${a.name}.${c.name}`, moves ? ' (added again in the declared column order: the table holds no row, and a guard stops the plan if it does)' : '')],
      }),
    );
  }
  return out;
}

/** New and re-made columns are added (in the declared order, chained when columns are re-made for order); the others altered. */
function addedOrChangedColumns(a: Table, b: Table, ctx: PlanContext, reorder: ReadonlySet<string>): PlannedStatement[] {
  const colsA = new Map(a.columns.map((c) => [c.name, c]));
  const out: PlannedStatement[] = [];
  let previousAdd: string | undefined;
  for (const c of b.columns) {
    const old = colsA.get(c.name);
    if (c.inherited && (!old || old.inherited)) continue;
    // an inherited column that becomes the child's own: added once the parent dropped it
    const becomesLocal = !!old && old.inherited && !c.inherited;
    if (old && !needsRemake(old, c) && !becomesLocal && !reorder.has(c.name)) {
      // a column the same on both sides has nothing to change (most columns of an altered table)
      if (!deepEqual(old, c)) out.push(...columnChanges(a, b, old, c, ctx));
      continue;
    }
    const cid = id.column(b.schema, b.name, c.name);
    out.push(...addColumn(a, b, c, ctx, reorder.size && previousAdd ? [previousAdd] : []));
    previousAdd = cid;
  }
  return out;
}

function addColumn(a: Table, b: Table, c: Column, ctx: PlanContext, after: readonly string[]): PlannedStatement[] {
  const name = qualified(b.schema, b.name);
  const cid = id.column(b.schema, b.name, c.name);
  return [
    stmt({
      sql: `ALTER TABLE ${name} ADD COLUMN ${columnDefinition(b, c)}`,
      source: `add column ${b.schema}.${b.name}.${c.name}`,
      rank: RANK.alterTable,
      provides: [cid],
      needs: [
        tableId(b),
        ...after,
        ...(ctx.desired.dependsOn.get(cid) ?? []),
        ...a.inherits.map((p) => id.mark('dropped', ref.column(p.schema, p.table, c.name))),
        // after children dropped their own copy (they inherit it again from here)
        ...(inheritingTables(ctx.current, b.schema, b.name).length ? [id.mark('child-released', ref.column(b.schema, b.name, c.name))] : []),
      ],
      hazards: volatileDefaultHazards(b, c, ctx),
    }),
    ...commentStatements(`COLUMN ${name}.${ident(c.name)}`, null, c.comment, cid, src(b)),
    ...aclStatements(`TABLE ${name}`, [], c.acl, ref.column(b.schema, b.name, c.name), src(b), c.name),
  ];
}

/** Storage options, row level security, the table's comment and grants. */
function properties(a: Table, b: Table): PlannedStatement[] {
  const name = qualified(b.schema, b.name);
  const tid = tableId(b);
  const out: PlannedStatement[] = [];
  const alter = (sql: string, hazards = [] as ReturnType<typeof hazard.authz>[]) => stmt({ sql: `ALTER TABLE ${name} ${sql}`, source: src(b), rank: RANK.alterTable, needs: [tid], hazards });
  const { set, reset } = optionChanges(a.options, b.options);
  if (reset.length) out.push(alter(`RESET (${reset.join(', ')})`));
  if (set.length) out.push(alter(`SET (${set.join(', ')})`));
  if (a.rowSecurity !== b.rowSecurity)
    out.push(alter(`${b.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`, [hazard.authz(`${b.rowSecurity ? 'enables' : 'disables'} row level security on ${b.schema}.${b.name}`)]));
  if (a.forceRowSecurity !== b.forceRowSecurity) out.push(alter(`${b.forceRowSecurity ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`));
  out.push(...commentStatements(`TABLE ${name}`, a.comment, b.comment, tid, src(b)));
  out.push(...aclStatements(`TABLE ${name}`, a.acl, b.acl, ref.relation('table', b.schema, b.name), src(b)));
  return out;
}
