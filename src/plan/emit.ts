/**
 * Emit: changes and their expansion -> planned statements (unordered), one
 * kind planner per object. Objects on a relation this plan creates carry no
 * scan hazards: the relation is empty and nobody uses it yet.
 */
import type { CatalogObject, ObjectId } from '../catalog/model.js';
import { describe, id } from '../catalog/identity.js';
import { lookupObject } from '../catalog/ref-index.js';
import type { Change } from '../diff/change.js';
import { withContext } from '../util/errors.js';
import type { PlanContext } from './context.js';
import { enumSwapStatements } from './enum-swap.js';
import { domainSwapStatements } from './domain-swap.js';
import type { Expansion } from './expand.js';
import { withoutScanHazards } from './hazards.js';
import { addConstraintStatements, dropConstraint } from './kinds/table.js';
import { planner } from './planners.js';
import type { PlannedStatement } from './statement.js';

export function emit(changes: readonly Change[], x: Expansion, ctx: PlanContext): PlannedStatement[] {
  const statements: PlannedStatement[] = [];
  const add = (label: string, fn: () => readonly PlannedStatement[]) => statements.push(...withContext(label, fn));
  const create = createStatements(x, ctx);
  for (const ch of changes) {
    if (x.recreate.has(ch.id)) continue;
    if (ch.op === 'create') add(`planning ${describe(ch.to)}`, () => create(ch.to));
    else if (ch.op === 'drop') {
      if (!x.implicitDrop.has(ch.id)) add(`planning ${describe(ch.from)}`, () => planner(ch.from).drop(ch.from, ctx));
    } else if (ch.op === 'alter') statements.push(...(x.alterStatements.get(ch.id) ?? []));
  }
  for (const oid of [...x.recreate].sort()) {
    const cols = x.swaps.get(oid);
    if (cols) {
      const e = ctx.current.enums.get(oid);
      const d = ctx.current.domains.get(oid);
      if (e) add(`planning ${describe(e)}`, () => enumSwapStatements(ctx, e, ctx.desired.enums.get(oid)!, cols));
      else if (d) add(`planning ${describe(d)}`, () => domainSwapStatements(ctx, d, ctx.desired.domains.get(oid)!, cols));
      continue;
    }
    const from = lookupObject(ctx.current, oid);
    const to = lookupObject(ctx.desired, oid);
    if (from && !x.implicitDrop.has(oid)) add(`planning ${describe(from)}`, () => planner(from).drop(from, ctx));
    if (to) add(`planning ${describe(to)}`, () => create(to));
  }
  const alreadyRemoved = new Set(statements.flatMap((st) => st.removes));
  for (const [cid, { table, constraint }] of [...x.remakeConstraints].sort(([p], [q]) => (p < q ? -1 : 1))) {
    if (alreadyRemoved.has(cid)) continue;
    add(`planning constraint ${constraint.name} on ${table.schema}.${table.name}`, () => {
      const out = [dropConstraint(table, constraint, ctx)];
      const wanted = ctx.desired.tables.get(id.relation('table', table.schema, table.name));
      const want = wanted?.constraints.find((c) => c.name === constraint.name && !c.inherited);
      if (wanted && want) out.push(...addConstraintStatements(wanted, want, ctx));
      return out;
    });
  }
  return statements;
}

/** Create statements of an object; on a relation this plan creates (or re-makes), without scan hazards. */
function createStatements(x: Expansion, ctx: PlanContext): (o: CatalogObject) => PlannedStatement[] {
  const isNewRelation = (kind: 'table' | 'matview', schema: string, name: string) => {
    const rid: ObjectId = id.relation(kind, schema, name);
    return !lookupObject(ctx.current, rid) || x.dropped.has(rid) || x.recreate.has(rid);
  };
  const onNewRelation = (o: CatalogObject) =>
    (o.kind === 'table' && isNewRelation('table', o.schema, o.name)) ||
    (o.kind === 'index' && isNewRelation(ctx.desired.matviews.has(id.relation('matview', o.schema, o.table)) ? 'matview' : 'table', o.schema, o.table));
  return (o) => {
    const out = planner(o).create(o, ctx);
    return onNewRelation(o) ? withoutScanHazards(out) : out;
  };
}
