/**
 * Expand: the dependency closure of a diff. Changes that only drop-and-create
 * can express ('recreate'), and everything removed (dropped objects, columns
 * whose type changes), bring along the objects that depend on them in the
 * current catalog: those are dropped first and created again afterwards.
 * Enums that lose or reorder values while columns use them are swapped.
 */
import type { Catalog, CatalogObject, Constraint, ObjectId, Table } from '../catalog/model.js';
import { describe, id, objectId } from '../catalog/identity.js';
import { columnOwner, lookupObject, refIn } from '../catalog/ref-index.js';
import type { Change } from '../diff/change.js';
import { withContext } from '../util/errors.js';
import type { PlanContext } from './context.js';
import { partitionsOf, reverseDeps } from './deps.js';
import { columnsOfType, type TypeUse } from './type-swap.js';
import { keyedAtOrBelow } from './partition-keys.js';
import { planner } from './planners.js';
import type { PlannedStatement } from './statement.js';

export type OwnedConstraint = { readonly table: Table; readonly constraint: Constraint };

export interface Expansion {
  /** Dropped by the diff. */
  readonly dropped: ReadonlySet<ObjectId>;
  /** Dropped and created again: by their own change, or as dependents of something removed. */
  readonly recreate: ReadonlySet<ObjectId>;
  /** Statements of the changes that ALTER can express. */
  readonly alterStatements: ReadonlyMap<ObjectId, readonly PlannedStatement[]>;
  /** Enums and domains swapped for a new type (type-swap.ts), with the table columns that use them. */
  readonly swaps: ReadonlyMap<ObjectId, readonly TypeUse[]>;
  /** Constraints (foreign keys of other tables, a table's own) whose key goes away: dropped and added again. */
  readonly remakeConstraints: ReadonlyMap<ObjectId, OwnedConstraint>;
  /** Children (indexes, triggers, policies) that go with their dropped or re-made relation. */
  readonly implicitDrop: ReadonlySet<ObjectId>;
}

const tableKey = (t: Table): ObjectId => id.relation('table', t.schema, t.name);

export function expand(changes: readonly Change[], ctx: PlanContext): Expansion {
  const dropped = new Set<ObjectId>();
  const recreate = new Set<ObjectId>();
  const alterStatements = new Map<ObjectId, PlannedStatement[]>();
  for (const ch of changes) {
    if (ch.op === 'drop') dropped.add(ch.id);
    else if (ch.op === 'alter') {
      const r = withContext(`planning ${describe(ch.to)}`, () => planner(ch.to).alter(ch.from, ch.to, ctx));
      if (r === 'recreate') recreate.add(ch.id);
      else alterStatements.set(ch.id, r);
    }
  }
  const swapped = typeSwaps(recreate, ctx);
  for (const t of keyedOnSwappedType(ctx, swapped)) {
    recreate.add(t);
    alterStatements.delete(t);
  }
  for (const p of partitionsOfRemade(ctx, recreate)) {
    recreate.add(p);
    alterStatements.delete(p);
  }
  const swaps = withoutRemadeTables(swapped, recreate);
  const remakeConstraints = closeOverDependents(ctx, { dropped, recreate, alterStatements, swaps });
  const implicitDrop = childrenOfRemoved(ctx, dropped, recreate);
  return { dropped, recreate, alterStatements, swaps, remakeConstraints, implicitDrop };
}

/**
 * Partitions (at any depth) of a partitioned table that is dropped and created
 * again: DROP TABLE takes them along, so those the desired state keeps are
 * made again too, after their parent.
 */
function partitionsOfRemade(ctx: PlanContext, recreate: ReadonlySet<ObjectId>): Set<ObjectId> {
  const out = new Set<ObjectId>();
  const below = (t: Table) => {
    for (const p of partitionsOf(ctx.current, t.schema, t.name)) {
      const pid = tableKey(p);
      // one in `recreate` is walked from there; one the desired state drops goes with its parent
      if (recreate.has(pid) || out.has(pid) || !ctx.desired.tables.has(pid)) continue;
      out.add(pid);
      below(p);
    }
  };
  for (const oid of recreate) {
    const t = ctx.current.tables.get(oid);
    if (t) below(t);
  }
  return out;
}

/** Enums (values removed or reordered) and domains (base type or collation changed) re-made while table columns use them. */
function typeSwaps(recreate: ReadonlySet<ObjectId>, ctx: PlanContext): Map<ObjectId, TypeUse[]> {
  const swaps = new Map<ObjectId, TypeUse[]>();
  for (const oid of recreate) {
    const from = ctx.current.enums.get(oid) ?? ctx.current.domains.get(oid);
    if (!from || !(ctx.desired.enums.get(oid) ?? ctx.desired.domains.get(oid))) continue;
    const cols = columnsOfType(ctx, from.schema, from.name);
    if (cols.length) swaps.set(oid, cols);
  }
  return swaps;
}

/**
 * Tables with a column of a swapped type in their partition key or in that of a partition below
 * them (partition-keys.ts): made again with their partitions, as when the key column's type changes.
 */
function keyedOnSwappedType(ctx: PlanContext, swaps: ReadonlyMap<ObjectId, readonly TypeUse[]>): Set<ObjectId> {
  const out = new Set<ObjectId>();
  for (const uses of swaps.values()) for (const { table, column } of uses) if (keyedAtOrBelow(ctx.current, table, column)) out.add(tableKey(table));
  return out;
}

/** The swaps without the columns of tables made again: those are created with the new type. */
function withoutRemadeTables(swaps: ReadonlyMap<ObjectId, readonly TypeUse[]>, recreate: ReadonlySet<ObjectId>): Map<ObjectId, TypeUse[]> {
  const out = new Map<ObjectId, TypeUse[]>();
  for (const [oid, uses] of swaps) {
    const kept = uses.filter((u) => !recreate.has(tableKey(u.table)));
    if (kept.length) out.set(oid, kept);
  }
  return out;
}

/** What dropping an object of the current catalog removes (its own id and those its drop statements name). */
function removedBy(ctx: PlanContext, oid: ObjectId): readonly ObjectId[] {
  const o = lookupObject(ctx.current, oid);
  if (!o) return [oid];
  return planner(o)
    .drop(o, ctx)
    .flatMap((s) => s.removes);
}

/**
 * Walks reverse dependencies from everything removed, adding dependents to
 * `recreate` (views, functions, indexes, ...). Returns the constraints of
 * tables that stay whose key goes away. Tables, schemas, extensions and
 * sequences are never re-made as dependents.
 */
function closeOverDependents(
  ctx: PlanContext,
  s: { dropped: ReadonlySet<ObjectId>; recreate: Set<ObjectId>; alterStatements: ReadonlyMap<ObjectId, readonly PlannedStatement[]>; swaps: ReadonlyMap<ObjectId, readonly TypeUse[]> },
): Map<ObjectId, OwnedConstraint> {
  const { current } = ctx;
  const rev = reverseDeps(current);
  const remakeConstraints = new Map<ObjectId, OwnedConstraint>();
  const gone = (x: ObjectId) => s.dropped.has(x) || s.recreate.has(x);

  const work: ObjectId[] = [];
  for (const cols of s.swaps.values()) for (const c of cols) work.push(id.column(c.table.schema, c.table.name, c.column));
  for (const oid of [...s.dropped, ...s.recreate]) work.push(oid, ...removedBy(ctx, oid));
  for (const stmts of s.alterStatements.values()) for (const st of stmts) work.push(...st.removes);
  const seen = new Set<ObjectId>();
  while (work.length) {
    const x = work.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    for (const dep of rev.get(x) ?? []) {
      let target: ObjectId | undefined = dep;
      const r = refIn(current, dep);
      const kind = r?.kind;
      if (kind === 'column') {
        target = columnOwner(current, dep);
        if (target !== undefined && lookupObject(current, target)?.kind === 'table') continue; // a table column's default: left to the column's own change
      } else if (kind === 'constraint') {
        // a foreign key of another table on a key that goes away: dropped and added again
        const owner = r?.kind === 'constraint' ? constraintOwner(current, r) : undefined;
        if (owner && !gone(tableKey(owner.table))) remakeConstraints.set(dep, owner);
        continue;
      }
      if (!target || gone(target)) continue;
      const o = lookupObject(current, target);
      if (!o || o.kind === 'table' || o.kind === 'schema' || o.kind === 'extension' || o.kind === 'sequence') continue;
      s.recreate.add(target);
      work.push(target, ...removedBy(ctx, target));
    }
  }
  return remakeConstraints;
}

/** The table of a constraint and the constraint (looked up for the few a plan reaches, not indexed for every table). */
function constraintOwner(c: Catalog, r: { readonly schema: string; readonly table: string; readonly name: string }): OwnedConstraint | undefined {
  const table = c.tables.get(id.relation('table', r.schema, r.table));
  const constraint = table?.constraints.find((k) => k.name === r.name);
  return table && constraint ? { table, constraint } : undefined;
}

/** The parent relation id of a child object (index, trigger, policy), if any. */
function parentOf(c: Catalog, o: CatalogObject): ObjectId | null {
  if (o.kind === 'index') {
    const mv = id.relation('matview', o.schema, o.table);
    return c.matviews.has(mv) ? mv : id.relation('table', o.schema, o.table);
  }
  if (o.kind === 'trigger') {
    const v = id.relation('view', o.schema, o.table);
    return c.views.has(v) ? v : id.relation('table', o.schema, o.table);
  }
  if (o.kind === 'policy') return id.relation('table', o.schema, o.table);
  return null;
}

/** Children of dropped or re-made relations go with them; those the desired state keeps are created again. */
function childrenOfRemoved(ctx: PlanContext, dropped: ReadonlySet<ObjectId>, recreate: Set<ObjectId>): Set<ObjectId> {
  const implicitDrop = new Set<ObjectId>();
  const { current, desired } = ctx;
  for (const o of [...current.indexes.values(), ...current.triggers.values(), ...current.policies.values()]) {
    const parent = parentOf(current, o);
    if (!parent || !(dropped.has(parent) || recreate.has(parent))) continue;
    const oid = objectId(o);
    implicitDrop.add(oid);
    if (lookupObject(desired, oid)) recreate.add(oid);
  }
  return implicitDrop;
}
