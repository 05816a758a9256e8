/**
 * The planner: Change[] -> ordered Statement[].
 *
 * Changes that only drop-and-create can express ('recreate'), and everything
 * removed (dropped objects, columns whose type changes), bring along the objects
 * that depend on them in the current catalog: those are dropped first and
 * created again afterwards, with their indexes, triggers, comments and grants.
 */
import type { Catalog, CatalogObject, ObjectId } from '../catalog/model.js';
import { describe, id, objectId } from '../catalog/identity.js';
import { lookupObject, type ManagedKind, type ObjectOf } from '../catalog/kinds.js';
import type { Change } from '../diff/change.js';
import { diffCatalogs } from '../diff/diff.js';
import { ALL, inScope, type Scope } from '../diff/scope.js';
import { expandRenames } from '../diff/expand-renames.js';
import type { Rename } from '../diff/renames.js';
import { planNotes, renameStatements, withRenameHints, type PlanNote } from './rename-notes.js';
import { FasError, withContext } from '../util/errors.js';
import type { KindPlanner, PlanContext } from './context.js';
import { collationPlanner } from './kinds/collation.js';
import { compositePlanner } from './kinds/composite.js';
import { defaultAclPlanner } from './kinds/default-acl.js';
import { domainPlanner } from './kinds/domain.js';
import { enumPlanner } from './kinds/enum.js';
import { extensionPlanner } from './kinds/extension.js';
import { indexPlanner } from './kinds/index-planner.js';
import { matviewPlanner } from './kinds/matview.js';
import { policyPlanner } from './kinds/policy.js';
import { routinePlanner } from './kinds/routine.js';
import { schemaPlanner } from './kinds/schema.js';
import { sequencePlanner } from './kinds/sequence.js';
import { tablePlanner } from './kinds/table.js';
import { triggerPlanner } from './kinds/trigger.js';
import { viewPlanner } from './kinds/view.js';
import { orderStatements } from './order.js';
import type { PlannedStatement, Statement } from './statement.js';
import { reverseDeps } from './deps.js';
import { enumColumns, enumSwapStatements } from './enum-swap.js';
import { withoutScanHazards } from './hazards.js';
import { addConstraintStatements, dropConstraint } from './kinds/table.js';
import type { Constraint, Table } from '../catalog/model.js';
import type { EnumType } from '../catalog/model.js';
import type { OnlinePolicy } from './online.js';
import { columnsToReorder } from './kinds/column-order.js';
import { needsRemake } from './kinds/table-columns.js';

/** One planner per managed kind of the registry (src/catalog/kinds.ts); a kind without one fails to compile. */
type Planners = { [K in ManagedKind]: KindPlanner<ObjectOf<K>> };

const PLANNERS: Planners = {
  schema: schemaPlanner,
  extension: extensionPlanner,
  collation: collationPlanner,
  enum: enumPlanner,
  domain: domainPlanner,
  composite: compositePlanner,
  sequence: sequencePlanner,
  table: tablePlanner,
  index: indexPlanner,
  view: viewPlanner,
  matview: matviewPlanner,
  function: routinePlanner,
  trigger: triggerPlanner,
  policy: policyPlanner,
  defaultacl: defaultAclPlanner,
};

function planner(o: CatalogObject): KindPlanner<CatalogObject> {
  if (o.kind === 'unsupported') throw new FasError('UNSUPPORTED', `fas cannot manage ${describe(o)}`);
  return PLANNERS[o.kind] as KindPlanner<CatalogObject>;
}

/** Find a top-level object of a catalog by id (through the kind registry, src/catalog/kinds.ts). */
const lookup = lookupObject;

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

/** Which relation a column id belongs to, if it is a view or materialized view. */
function columnOwner(c: Catalog, columnId: ObjectId): ObjectId | undefined {
  const rest = columnId.slice('column:'.length);
  // schema.relation.column where names may contain dots: try each split
  for (let i = rest.indexOf('.'); i >= 0; i = rest.indexOf('.', i + 1)) {
    for (let j = rest.indexOf('.', i + 1); j >= 0; j = rest.indexOf('.', j + 1)) {
      const schema = rest.slice(0, i);
      const rel = rest.slice(i + 1, j);
      for (const kind of ['view', 'matview', 'table'] as const) {
        const rid = id.relation(kind, schema, rel);
        if (lookup(c, rid)) return rid;
      }
    }
  }
  return undefined;
}

export interface PlanOptions {
  /** When existing tables get the online patterns (src/plan/online.ts); absent: always. */
  readonly online?: OnlinePolicy;
}

export interface PlanResult {
  readonly changes: readonly Change[];
  readonly statements: readonly Statement[];
  /** The declared renames that took effect, in order: the downgrade undoes exactly these (reverseRenames). */
  readonly renames: readonly Rename[];
  /** What the plan wants a reader to know: suspected renames, declared column order not reached. */
  readonly notes: readonly PlanNote[];
}

/**
 * current + desired (+ declared renames) -> changes and ordered statements.
 * Stages: expand renames (the current catalog renamed as declared), diff, emit, order;
 * the rename statements run first, everything else is planned against the renamed state.
 */
export function planChanges(original: Catalog, desired: Catalog, scope: Scope = ALL, declared: readonly Rename[] = [], options: PlanOptions = {}): PlanResult {
  const expanded = expandRenames(original, desired, declared.filter((r) => inScope(scope, r.schema)));
  const current = expanded.catalog;
  const changes = diffCatalogs(current, desired, scope);
  const remade = new Set<ObjectId>();
  const ctx: PlanContext = { current, desired, remade, ...(options.online ? { online: options.online } : {}) };
  const rev = reverseDeps(current);

  const dropped = new Set<ObjectId>();
  const recreate = new Set<ObjectId>();
  const alterStatements = new Map<ObjectId, PlannedStatement[]>();
  const created = new Set<ObjectId>();
  for (const ch of changes) {
    if (ch.op === 'drop') dropped.add(ch.id);
    else if (ch.op === 'create') created.add(ch.id);
    else {
      const r = withContext(`planning ${describe(ch.to)}`, () => planner(ch.to).alter(ch.from, ch.to, ctx));
      if (r === 'recreate') recreate.add(ch.id);
      else alterStatements.set(ch.id, r);
    }
  }

  // ---- enums that lose or reorder values, while columns use them, are swapped
  const swaps = new Map<ObjectId, { table: import('../catalog/model.js').Table; column: string }[]>();
  for (const oid of recreate) {
    const from = current.enums.get(oid);
    const to = desired.enums.get(oid);
    if (!from || !to) continue;
    const cols = enumColumns(ctx, from);
    if (cols.length) swaps.set(oid, cols);
  }

  const tableKey = (t: Table) => id.relation('table', t.schema, t.name);
  const constraintOwners = new Map<ObjectId, { table: Table; constraint: Constraint }>();
  for (const t of current.tables.values()) for (const c of t.constraints) constraintOwners.set(id.constraint(t.schema, t.name, c.name), { table: t, constraint: c });
  const remakeConstraints = new Map<ObjectId, { table: Table; constraint: Constraint }>();

  // ---- dependents of everything removed are dropped and created again
  const work: ObjectId[] = [];
  for (const cols of swaps.values()) for (const c of cols) work.push(id.column(c.table.schema, c.table.name, c.column));
  const removedBy = (oid: ObjectId) => {
    const o = lookup(current, oid);
    if (!o) return [oid];
    return planner(o)
      .drop(o, ctx)
      .flatMap((s) => s.removes);
  };
  for (const oid of [...dropped, ...recreate]) work.push(oid, ...removedBy(oid));
  for (const stmts of alterStatements.values()) for (const s of stmts) work.push(...s.removes);
  const seen = new Set<ObjectId>();
  while (work.length) {
    const x = work.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    for (const dep of rev.get(x) ?? []) {
      let target: ObjectId | undefined = dep;
      if (dep.startsWith('column:')) {
        target = columnOwner(current, dep);
        if (target?.startsWith('table:')) continue; // a table column's default: left to the column's own change
      } else if (dep.startsWith('constraint:')) {
        // a foreign key of another table on a key that goes away: dropped and added again
        const owner = constraintOwners.get(dep);
        if (owner && !dropped.has(tableKey(owner.table)) && !recreate.has(tableKey(owner.table))) remakeConstraints.set(dep, owner);
        continue;
      }
      if (!target || dropped.has(target) || recreate.has(target)) continue;
      const o = lookup(current, target);
      if (!o) continue;
      if (o.kind === 'table' || o.kind === 'schema' || o.kind === 'extension' || o.kind === 'sequence') continue;
      recreate.add(target);
      work.push(target, ...removedBy(target));
    }
  }

  // ---- children of dropped or re-made relations
  const implicitDrop = new Set<ObjectId>();
  for (const o of [...current.indexes.values(), ...current.triggers.values(), ...current.policies.values()]) {
    const parent = parentOf(current, o);
    if (!parent || !(dropped.has(parent) || recreate.has(parent))) continue;
    const oid = objectId(o);
    implicitDrop.add(oid);
    if (lookup(desired, oid)) recreate.add(oid);
  }

  // tables dropped or made again count as new: their indexes and constraints use plain DDL
  for (const x of [...dropped, ...recreate]) if (x.startsWith('table:')) remade.add(x);
  const statements: PlannedStatement[] = [];
  const add = (label: string, fn: () => PlannedStatement[]) => statements.push(...withContext(label, fn));
  // a table (or materialized view) this plan creates is empty and unused: building its indexes and checking its constraints blocks nobody
  const isNewRelation = (kind: 'table' | 'matview', schema: string, name: string) => {
    const rid = id.relation(kind, schema, name);
    return !lookup(current, rid) || dropped.has(rid) || recreate.has(rid);
  };
  const onNewRelation = (o: CatalogObject) =>
    (o.kind === 'table' && isNewRelation('table', o.schema, o.name)) ||
    (o.kind === 'index' && isNewRelation(desired.matviews.has(id.relation('matview', o.schema, o.table)) ? 'matview' : 'table', o.schema, o.table));
  const createStatements = (o: CatalogObject) => {
    const out = planner(o).create(o, ctx);
    return onNewRelation(o) ? withoutScanHazards(out) : out;
  };
  for (const ch of changes) {
    if (recreate.has(ch.id)) continue;
    if (ch.op === 'create') add(`planning ${describe(ch.to)}`, () => createStatements(ch.to));
    else if (ch.op === 'drop') {
      if (implicitDrop.has(ch.id)) continue;
      add(`planning ${describe(ch.from)}`, () => planner(ch.from).drop(ch.from, ctx));
    } else statements.push(...(alterStatements.get(ch.id) ?? []));
  }
  for (const oid of [...recreate].sort()) {
    const cols = swaps.get(oid);
    if (cols) {
      const from = current.enums.get(oid) as EnumType;
      add(`planning ${describe(from)}`, () => enumSwapStatements(ctx, from, desired.enums.get(oid)!, cols));
      continue;
    }
    const from = lookup(current, oid);
    const to = lookup(desired, oid);
    if (from && !implicitDrop.has(oid)) add(`planning ${describe(from)}`, () => planner(from).drop(from, ctx));
    if (to) add(`planning ${describe(to)}`, () => createStatements(to));
  }
  const alreadyRemoved = new Set(statements.flatMap((st) => st.removes));
  for (const [cid, { table, constraint }] of [...remakeConstraints].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (alreadyRemoved.has(cid)) continue;
    add(`planning constraint ${constraint.name} on ${table.schema}.${table.name}`, () => {
      const out = [dropConstraint(table, constraint, ctx)];
      const want = desired.tables.get(tableKey(table))?.constraints.find((c) => c.name === constraint.name && !c.inherited);
      if (want) out.push(...addConstraintStatements(desired.tables.get(tableKey(table))!, want, ctx));
      return out;
    });
  }
  const notes = planNotes(changes, (from, to) => columnsToReorder(from, to, ctx, needsRemake).size > 0);
  const ordered = withRenameHints([...renameStatements(expanded.steps), ...orderStatements(statements)], notes);
  return {
    changes: [...expanded.steps.map((st): Change => ({ op: 'rename', id: objectId(st.to), from: st.from, to: st.to, rename: st.rename })), ...changes],
    renames: expanded.steps.map((st) => st.rename),
    notes,
    statements: ordered.map(({ sql, hazards, transactional, lockTimeoutMs, statementTimeoutMs, source }) =>
      Object.freeze({ sql, hazards, transactional, lockTimeoutMs, statementTimeoutMs, source }),
    ),
  };
}
