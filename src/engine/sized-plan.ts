/**
 * A plan against a database FROM with the sizes it needs, and only those.
 *
 * The online policy (auto: plain DDL for a table of at most the threshold) and
 * the sized hazards ask for the sizes of the tables a plan touches: a few out
 * of thousands. Reading every table's size costs a relation open and a stat()
 * per fork for each (about 110 ms of server time at 1,000 tables on a fresh
 * connection), so the sizes are read after the diff, for the relations its
 * changes touch. The planner's lookups are recorded: when it asked for one that
 * was not read (a table reached through the dependency closure), that size is
 * read and the same diff is planned again, until every size it asked for was
 * read. The plan is the one a complete size map would have given.
 */
import type { Catalog, CatalogObject, ObjectId } from '../catalog/model.js';
import { lookupObject } from '../catalog/ref-index.js';
import { changeObject } from '../diff/change.js';
import { readTableSizes, type NamedRelation, type TableSize } from '../introspect/table-sizes.js';
import { id } from '../catalog/ref.js';
import type { OnlinePolicy } from '../plan/online.js';
import { annotateHazardSizes, sizedHazardTables } from '../plan/hazard-sizes.js';
import { planDiff, type PlanDiff, type PlanResult } from '../plan/planner.js';
import type pg from 'pg';

/** A size map that remembers each key asked for and not held. */
class RecordingSizes extends Map<ObjectId, TableSize> {
  readonly missed = new Set<ObjectId>();

  override get(k: ObjectId): TableSize | undefined {
    const v = super.get(k);
    if (v === undefined) this.missed.add(k);
    return v;
  }
}

/** The relation a changed object lives on (its own name for a table or a materialized view). */
function relationOf(o: CatalogObject): NamedRelation | undefined {
  if (o.kind === 'table' || o.kind === 'matview') return { schema: o.schema, name: o.name };
  if ('table' in o && typeof o.table === 'string' && 'schema' in o && typeof o.schema === 'string') return { schema: o.schema, name: o.table };
  return undefined;
}

/** The relations the changes touch. */
function touched(d: PlanDiff): NamedRelation[] {
  return d.changes.flatMap((ch) => relationOf(changeObject(ch)) ?? []);
}

/** What the planner asked for by key: the relation of the current catalog that key names. */
function namedIn(current: Catalog, keys: Iterable<ObjectId>): NamedRelation[] {
  const out: NamedRelation[] = [];
  for (const k of keys) {
    const o = lookupObject(current, k);
    if (o && (o.kind === 'table' || o.kind === 'matview')) out.push({ schema: o.schema, name: o.name });
  }
  return out;
}

/**
 * Plans `d` for the database `client` is connected to under `policy`, reading the
 * sizes the plan needs (online decisions and sized hazards) on that session (see
 * readTableSizes), and returns the plan with its hazards sized.
 */
export async function planWithSizes(d: PlanDiff, client: pg.Client, policy: Omit<OnlinePolicy, 'sizes'>): Promise<PlanResult> {
  const sizes = new Map<ObjectId, TableSize>();
  // relations whose size was read (or found absent), by the relation name's id: a table and a
  // materialized view share one namespace, and a size is read by name
  const asked = new Map<ObjectId, NamedRelation>();
  const read = async (rels: readonly NamedRelation[]) => {
    const fresh = new Map<ObjectId, NamedRelation>();
    for (const r of rels) {
      const k = id.name('relname', r.schema, r.name);
      if (!asked.has(k)) fresh.set(k, r);
    }
    for (const [k, r] of fresh) asked.set(k, r);
    for (const [k, v] of await readTableSizes(client, [...fresh.values()])) sizes.set(k, v);
    return fresh.size;
  };
  await read(touched(d));
  for (;;) {
    const recording = new RecordingSizes(sizes);
    const plan = planDiff(d, { online: { ...policy, sizes: recording } });
    // a size it asked for and that was not read yet: read it and plan again
    if ((await read(namedIn(d.expanded.catalog, recording.missed))) > 0) continue;
    await read((await sizedHazardTables(plan.statements)).map((t) => ({ schema: t.schema, name: t.table })));
    return { ...plan, statements: await annotateHazardSizes(plan.statements, sizes) };
  }
}
