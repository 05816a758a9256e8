/** Tables: CREATE TABLE, DROP TABLE, and the ALTER TABLE statements between two versions. */
import type { Catalog, Constraint, ObjectId, Table } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { onRelation } from '../../catalog/ref.js';
import { refIn } from '../../catalog/ref-index.js';
import { ident, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner, type PlanContext } from '../context.js';
import { tableDeps } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { aclStatements, commentStatements, withOptions } from './common.js';
import { nameClaim } from './names.js';
import { columnDefinition } from './table-columns.js';
import { onlineAddConstraint } from './constraint-online.js';
import { isOnlineTable } from '../online.js';
import { alterTable } from './table-alter.js';
import { isNotValid } from '../../sql/constraint-sql.js';
import { keyConversionMarks, keyedAtOrBelow } from '../partition-keys.js';

export function tableId(t: { schema: string; name: string }): ObjectId {
  return id.relation('table', t.schema, t.name);
}

/** Constraints a table declares itself (not inherited from a parent). */
function ownConstraints(t: Table): Constraint[] {
  return t.constraints.filter((c) => !c.inherited);
}

function constraintDeps(ctx: PlanContext, t: Table, c: Constraint, side: 'current' | 'desired'): ObjectId[] {
  const cat = side === 'current' ? ctx.current : ctx.desired;
  return [...(cat.dependsOn.get(id.constraint(t.schema, t.name, c.name)) ?? []), tableId(t)];
}

function constraintClaims(t: Table, c: Constraint): ObjectId[] {
  const out = [id.constraint(t.schema, t.name, c.name)];
  if (c.type === 'p' || c.type === 'u' || c.type === 'x') out.push(nameClaim(t.schema, c.name));
  return out;
}

export function addConstraint(t: Table, c: Constraint, ctx: PlanContext): PlannedStatement {
  const deps = constraintDeps(ctx, t, c, 'desired');
  const hz = (c.type === 'f' || c.type === 'c') && !isNotValid(c.definition) ? [hazard.validatesConstraint(`${t.schema}.${t.name}.${c.name}`)] : [];
  if (c.type === 'p' || c.type === 'u' || c.type === 'x') hz.push(hazard.indexBuild(`${t.schema}.${c.name}`));
  return stmt({
    sql: `ALTER TABLE ${qualified(t.schema, t.name)} ADD CONSTRAINT ${ident(c.name)} ${c.definition}`,
    source: `add constraint ${c.name} on ${t.schema}.${t.name}`,
    rank: RANK.addConstraint,
    provides: constraintClaims(t, c),
    needs: deps,
    hazards: hz,
  });
}

/** ADD CONSTRAINT; on a table that exists and stays, the online form (NOT VALID + VALIDATE, or USING INDEX). */
export function addConstraintStatements(t: Table, c: Constraint, ctx: PlanContext): PlannedStatement[] {
  const plain = addConstraint(t, c, ctx);
  return (isOnlineTable(ctx, t.schema, t.name) && onlineAddConstraint(t, c, plain)) || [plain];
}

export function dropConstraint(t: Table, c: Constraint, ctx: PlanContext): PlannedStatement {
  return stmt({
    sql: `ALTER TABLE ${qualified(t.schema, t.name)} DROP CONSTRAINT ${ident(c.name)}`,
    source: `drop constraint ${c.name} on ${t.schema}.${t.name}`,
    rank: RANK.dropChild,
    removes: constraintClaims(t, c),
    provides: [id.mark('dropped', ref.constraint(t.schema, t.name, c.name))],
    uses: constraintDeps(ctx, t, c, 'current'),
  });
}

/** Everything that names this table's columns, for provides/removes. */
function columnIds(t: Table): ObjectId[] {
  return t.columns.map((c) => id.column(t.schema, t.name, c.name));
}

export function createTableStatements(t: Table, ctx: PlanContext, opts: { deferForeignKeys: boolean } = { deferForeignKeys: true }): PlannedStatement[] {
  const name = qualified(t.schema, t.name);
  const tid = tableId(t);
  const src = `create table ${t.schema}.${t.name}`;
  const own = ownConstraints(t);
  const inline = own.filter((c) => c.type !== 'f' || !opts.deferForeignKeys);
  const later = own.filter((c) => c.type === 'f' && opts.deferForeignKeys);
  const cols = t.partitionOf ? [] : t.columns.filter((c) => !c.inherited);
  const elements = [
    ...cols.map((c) => columnDefinition(t, c)),
    ...(t.partitionOf ? [] : inline.map((c) => `CONSTRAINT ${ident(c.name)} ${c.definition}`)),
  ];
  let sql = `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${name}`;
  const needs = tableDeps(ctx.desired, t.schema, t.name, t.columns.map((c) => c.name));
  if (t.partitionOf) {
    sql += ` PARTITION OF ${qualified(t.partitionOf.schema, t.partitionOf.table)}`;
    if (elements.length) sql += ` (${elements.join(', ')})`;
    sql += ` ${t.partitionOf.bound}`;
    needs.push(id.relation('table', t.partitionOf.schema, t.partitionOf.table), ...keyConversionMarks(ctx.desired, t));
  } else {
    sql += ` (${elements.join(', ')})`;
    if (t.inherits.length) {
      sql += ` INHERITS (${t.inherits.map((p) => qualified(p.schema, p.table)).join(', ')})`;
      for (const p of t.inherits) needs.push(id.relation('table', p.schema, p.table));
    }
  }
  if (t.partitioning) sql += ` PARTITION BY ${t.partitioning.key}`;
  sql += withOptions(t.options);
  const provides = [tid, nameClaim(t.schema, t.name), ...columnIds(t), ...inline.flatMap((c) => constraintClaims(t, c))];
  const inlineDeps = inline.flatMap((c) => (ctx.desired.dependsOn.get(id.constraint(t.schema, t.name, c.name)) ?? []).filter((d) => !provides.includes(d)));
  const out: PlannedStatement[] = [stmt({ sql, source: src, rank: RANK.createTable, provides, needs: [...needs, ...inlineDeps] })];
  if (t.partitionOf) {
    // constraints of a partition that the parent does not give it
    for (const c of inline) out.push(addConstraint(t, c, ctx));
  }
  for (const c of later) out.push(addConstraint(t, c, ctx));
  if (t.rowSecurity) out.push(stmt({ sql: `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY`, source: src, rank: RANK.alterTable, needs: [tid] }));
  if (t.forceRowSecurity) out.push(stmt({ sql: `ALTER TABLE ${name} FORCE ROW LEVEL SECURITY`, source: src, rank: RANK.alterTable, needs: [tid] }));
  out.push(...commentStatements(`TABLE ${name}`, null, t.comment, tid, src));
  for (const c of own) out.push(...commentStatements(`CONSTRAINT ${ident(c.name)} ON ${name}`, null, c.comment, id.constraint(t.schema, t.name, c.name), src));
  for (const c of t.columns) {
    const cid = id.column(t.schema, t.name, c.name);
    out.push(...commentStatements(`COLUMN ${name}.${ident(c.name)}`, null, c.comment, cid, src));
    out.push(...aclStatements(`TABLE ${name}`, [], c.acl, ref.column(t.schema, t.name, c.name), src, c.name));
  }
  out.push(...aclStatements(`TABLE ${name}`, [], t.acl, ref.relation('table', t.schema, t.name), src));
  return out;
}

/** Why a table the desired state keeps is dropped (needsRecreate, partitions of a re-made table, partition-keys.ts). */
const MADE_AGAIN =
  " (ALTER TABLE cannot change a table's partitioning, the table it is a partition of, or the type of a partition key column at any depth, and a partition goes with its parent: the table is created again, empty; copy the rows yourself if you need them)";

export function dropTableStatement(t: Table, ctx: PlanContext): PlannedStatement {
  const tid = tableId(t);
  // sequences owned by this table's columns go with it
  const owned = [...ctx.current.sequences.values()]
    .filter((s) => s.ownedBy && s.ownedBy.schema === t.schema && s.ownedBy.table === t.name)
    .flatMap((s) => [id.relation('sequence', s.schema, s.name), nameClaim(s.schema, s.name)]);
  const own = ownConstraints(t);
  const whole = (constraints: readonly Constraint[], extraNeeds: ObjectId[]) =>
    stmt({
      sql: `DROP TABLE ${qualified(t.schema, t.name)}`,
      source: `drop table ${t.schema}.${t.name}`,
      rank: RANK.dropTable,
      removes: [tid, nameClaim(t.schema, t.name), ...columnIds(t), ...constraints.flatMap((c) => constraintClaims(t, c)), ...owned],
      needs: extraNeeds,
      uses: tableDeps(ctx.current, t.schema, t.name, t.columns.map((c) => c.name)).concat(
        constraints.flatMap((c) => ctx.current.dependsOn.get(id.constraint(t.schema, t.name, c.name)) ?? []),
        t.partitionOf ? [id.relation('table', t.partitionOf.schema, t.partitionOf.table)] : [],
        t.inherits.map((p) => id.relation('table', p.schema, p.table)),
        childDeps(t, ctx),
      ),
      hazards: [
      hazard.dropsTable(
        `${t.schema}.${t.name}`,
        ctx.desired.tables.has(tid) ? MADE_AGAIN : '',
      ),
    ],
    });
  // on a cycle of foreign keys (tables that reference each other, dropped together),
  // the foreign keys to other tables are dropped first
  const fks = own.filter((c) => c.type === 'f' && !selfReference(t, c, ctx));
  const split = fks.length
    ? [
        ...fks.map((c) => dropConstraint(t, c, ctx)),
        whole(
          own.filter((c) => !fks.includes(c)),
          fks.map((c) => id.mark('dropped', ref.constraint(t.schema, t.name, c.name))),
        ),
      ]
    : undefined;
  return { ...whole(own, []), ...(split ? { split } : {}) };
}

/** What the table's triggers, policies and indexes depend on (a trigger function): they go with the table. */
function childDeps(t: Table, ctx: PlanContext): ObjectId[] {
  const out: ObjectId[] = [];
  const mine = (o: { schema: string; table: string }) => o.schema === t.schema && o.table === t.name;
  for (const m of [ctx.current.triggers, ctx.current.policies, ctx.current.indexes] as ReadonlyMap<ObjectId, { schema: string; table: string }>[])
    for (const [oid, o] of m) if (mine(o)) out.push(...(ctx.current.dependsOn.get(oid) ?? []).filter((d) => d !== tableId(t) && !isOnTable(ctx, t, d, 'column')));
  return out;
}

/** Whether a key of the current catalog names a column (or constraint) of table t. */
function isOnTable(ctx: PlanContext, t: Table, key: ObjectId, kind: 'column' | 'constraint'): boolean {
  const r = refIn(ctx.current, key);
  const on = r && r.kind === kind ? onRelation(r) : undefined;
  return on !== undefined && on.schema === t.schema && on.name === t.name;
}

/** Whether a foreign key references only its own table. */
function selfReference(t: Table, c: Constraint, ctx: PlanContext): boolean {
  const deps = ctx.current.dependsOn.get(id.constraint(t.schema, t.name, c.name)) ?? [];
  return deps.every((d) => d === tableId(t) || isOnTable(ctx, t, d, 'column') || isOnTable(ctx, t, d, 'constraint') || refIn(ctx.current, d)?.kind === 'schema');
}

/** Changes that ALTER TABLE cannot make: the table is dropped and created again. */
export function needsRecreate(a: Table, b: Table, current: Catalog): boolean {
  if (JSON.stringify(a.partitioning) !== JSON.stringify(b.partitioning)) return true;
  if (partitionKeyRetyped(a, b, current)) return true;
  if ((a.partitionOf === null) !== (b.partitionOf === null)) return true;
  if (a.partitionOf && b.partitionOf && (a.partitionOf.schema !== b.partitionOf.schema || a.partitionOf.table !== b.partitionOf.table)) return true;
  return false;
}

/**
 * A column of the partition key, of this table or of a partition below it, changes type or
 * collation (cannot alter column "a" because it is part of the partition key): partition-keys.ts.
 */
function partitionKeyRetyped(a: Table, b: Table, current: Catalog): boolean {
  return b.columns.some((y) => {
    const x = a.columns.find((c) => c.name === y.name);
    return x !== undefined && (x.type !== y.type || x.collation !== y.collation) && keyedAtOrBelow(current, a, y.name);
  });
}

export const tablePlanner: KindPlanner<Table> = {
  create(t, ctx) {
    return createTableStatements(t, ctx);
  },
  drop(t, ctx) {
    return [dropTableStatement(t, ctx)];
  },
  alter(a, b, ctx) {
    // column order is a reason only on an empty table (column-order.ts): elsewhere new columns are appended
    return needsRecreate(a, b, ctx.current) ? 'recreate' : alterTable(a, b, ctx);
  },
};
