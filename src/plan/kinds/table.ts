/** Tables: CREATE TABLE, DROP TABLE, and the ALTER TABLE statements between two versions. */
import type { Constraint, ObjectId, Table } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner, type PlanContext } from '../context.js';
import { ownedSequenceIds, tableDeps } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { aclStatements, commentStatements, optionChanges, withOptions } from './common.js';
import { nameClaim } from './names.js';
import { sameDefinition } from '../../sql/expression-key.js';
import { columnChanges, columnDefinition, needsRemake } from './table-columns.js';
import { onlineAddConstraint, volatileDefaultHazards } from './constraint-online.js';
import { isOnlineTable } from '../online.js';
import { columnsToReorder, emptyGuardStatements, emptyGuardToken } from './column-order.js';
import { isNotValid } from '../../sql/constraint-sql.js';

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
    provides: [`dropped:${id.constraint(t.schema, t.name, c.name)}`],
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
    needs.push(id.relation('table', t.partitionOf.schema, t.partitionOf.table));
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
    out.push(...aclStatements(`TABLE ${name}`, [], c.acl, cid, src, ident(c.name)));
  }
  out.push(...aclStatements(`TABLE ${name}`, [], t.acl, tid, src));
  return out;
}

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
        ctx.desired.tables.has(tid) ? ' (its partitioning changes, which ALTER TABLE cannot do: the table is created again, empty; copy the rows yourself if you need them)' : '',
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
          fks.map((c) => `dropped:${id.constraint(t.schema, t.name, c.name)}`),
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
    for (const [oid, o] of m) if (mine(o)) out.push(...(ctx.current.dependsOn.get(oid) ?? []).filter((d) => d !== tableId(t) && !d.startsWith(`column:${t.schema}.${t.name}.`)));
  return out;
}

/** Whether a foreign key references only its own table. */
function selfReference(t: Table, c: Constraint, ctx: PlanContext): boolean {
  const deps = ctx.current.dependsOn.get(id.constraint(t.schema, t.name, c.name)) ?? [];
  const prefix = (kind: string) => `${kind}:${t.schema}.${t.name}.`;
  return deps.every((d) => d === tableId(t) || d.startsWith(prefix('column')) || d.startsWith(prefix('constraint')) || d.startsWith('schema:'));
}

/** Changes that ALTER TABLE cannot make: the table is dropped and created again. */
export function needsRecreate(a: Table, b: Table): boolean {
  if (JSON.stringify(a.partitioning) !== JSON.stringify(b.partitioning)) return true;
  if ((a.partitionOf === null) !== (b.partitionOf === null)) return true;
  if (a.partitionOf && b.partitionOf && (a.partitionOf.schema !== b.partitionOf.schema || a.partitionOf.table !== b.partitionOf.table)) return true;
  return false;
}

/** Tables (current) that inherit from this one. */
function childrenOf(ctx: PlanContext, t: Table): Table[] {
  return [...ctx.current.tables.values()].filter((c) => c.inherits.some((p) => p.schema === t.schema && p.table === t.name));
}

export const tablePlanner: KindPlanner<Table> = {
  create(t, ctx) {
    return createTableStatements(t, ctx);
  },
  drop(t, ctx) {
    return [dropTableStatement(t, ctx)];
  },
  alter(a, b, ctx) {
    // column order is never a reason: new columns are appended (the plan notes the declared order)
    if (needsRecreate(a, b)) return 'recreate';
    const name = qualified(b.schema, b.name);
    const tid = tableId(b);
    const src = `alter table ${b.schema}.${b.name}`;
    const out: PlannedStatement[] = [];

    if (a.partitionOf && b.partitionOf && a.partitionOf.bound !== b.partitionOf.bound) {
      const parent = qualified(b.partitionOf.schema, b.partitionOf.table);
      out.push(stmt({ sql: `ALTER TABLE ${parent} DETACH PARTITION ${name}`, source: src, rank: RANK.alterTable, removes: [`partition:${tid}`] }));
      out.push(stmt({ sql: `ALTER TABLE ${parent} ATTACH PARTITION ${name} ${b.partitionOf.bound}`, source: src, rank: RANK.alterTable, provides: [`partition:${tid}`] }));
    }
    if (a.unlogged !== b.unlogged)
      out.push(
        stmt({
          sql: `ALTER TABLE ${name} SET ${b.unlogged ? 'UNLOGGED' : 'LOGGED'}`,
          source: src,
          rank: RANK.alterTable,
          needs: [tid],
          hazards: [hazard.rewritesTable(`${b.schema}.${b.name}`, `becomes ${b.unlogged ? 'unlogged' : 'logged'}`)],
        }),
      );

    // inheritance parents
    const key = (p: { schema: string; table: string }) => `${p.schema}.${p.table}`;
    for (const p of a.inherits)
      if (!b.inherits.some((q) => key(q) === key(p)))
        out.push(stmt({ sql: `ALTER TABLE ${name} NO INHERIT ${qualified(p.schema, p.table)}`, source: src, rank: RANK.dropChild, uses: [id.relation('table', p.schema, p.table)] }));
    for (const p of b.inherits)
      if (!a.inherits.some((q) => key(q) === key(p)))
        out.push(stmt({ sql: `ALTER TABLE ${name} INHERIT ${qualified(p.schema, p.table)}`, source: src, rank: RANK.alterTable, needs: [tid, id.relation('table', p.schema, p.table)] }));

    // constraints (before columns are dropped: they may reference them)
    const ca = new Map(ownConstraints(a).map((c) => [c.name, c]));
    const cb = new Map(ownConstraints(b).map((c) => [c.name, c]));
    for (const [n, c] of ca) {
      const d = cb.get(n);
      if (!d || !sameDefinition('constraint', d.definition, c.definition) || d.type !== c.type) out.push(dropConstraint(a, c, ctx));
    }

    // columns
    const colsA = new Map(a.columns.map((c) => [c.name, c]));
    const colsB = new Map(b.columns.map((c) => [c.name, c]));
    // an empty table reaches the declared column order by re-making the columns out of place
    const reorder = columnsToReorder(a, b, ctx, needsRemake);
    if (reorder.size) out.push(...emptyGuardStatements(a));
    for (const c of a.columns) {
      const d = colsB.get(c.name);
      if (c.inherited && (!d || d.inherited)) continue;
      // a local column that the desired state inherits from a parent: drop it here, the parent brings it back
      const becomesInherited = !!d && d.inherited && !c.inherited;
      const moves = reorder.has(c.name);
      if (!d || needsRemake(c, d) || becomesInherited || moves) {
        const cid = id.column(a.schema, a.name, c.name);
        out.push(
          stmt({
            sql: `ALTER TABLE ${name} DROP COLUMN ${ident(c.name)}`,
            source: `drop column ${a.schema}.${a.name}.${c.name}`,
            rank: RANK.alterTable,
            removes: [cid, ...ownedSequenceIds(ctx.current, a.schema, a.name, c.name)],
            provides: [`dropped:${cid}`, ...b.inherits.map((p) => `child-released:${p.schema}.${p.table}.${c.name}`)],
            needs: moves ? [emptyGuardToken(a)] : [],
            uses: [...(ctx.current.dependsOn.get(cid) ?? [])],
            hazards: [hazard.dropsColumn(`${a.schema}.${a.name}.${c.name}`, moves ? ' (added again in the declared column order: the table holds no row, and a guard stops the plan if it does)' : '')],
          }),
        );
      }
    }
    // when columns are re-made for order, every added column waits for the one declared before it
    let previousAdd: string | undefined;
    for (const c of b.columns) {
      const old = colsA.get(c.name);
      if (c.inherited && (!old || old.inherited)) continue;
      const cid = id.column(b.schema, b.name, c.name);
      // an inherited column that becomes the child's own: added once the parent dropped it
      const becomesLocal = !!old && old.inherited && !c.inherited;
      if (!old || needsRemake(old, c) || becomesLocal || reorder.has(c.name)) {
        const after = reorder.size && previousAdd ? [previousAdd] : [];
        previousAdd = cid;
        out.push(
          stmt({
            sql: `ALTER TABLE ${name} ADD COLUMN ${columnDefinition(b, c)}`,
            source: `add column ${b.schema}.${b.name}.${c.name}`,
            rank: RANK.alterTable,
            provides: [cid],
            needs: [
              tid,
              ...after,
              ...(ctx.desired.dependsOn.get(cid) ?? []),
              ...a.inherits.map((p) => `dropped:${id.column(p.schema, p.table, c.name)}`),
              // after children dropped their own copy (they inherit it again from here)
              ...(childrenOf(ctx, b).length ? [`child-released:${b.schema}.${b.name}.${c.name}`] : []),
            ],
            hazards: volatileDefaultHazards(b, c, ctx),
          }),
        );
        out.push(...commentStatements(`COLUMN ${name}.${ident(c.name)}`, null, c.comment, cid, src));
        out.push(...aclStatements(`TABLE ${name}`, [], c.acl, cid, src, ident(c.name)));
      } else {
        out.push(...columnChanges(a, b, old, c, ctx));
      }
    }

    for (const [n, c] of cb) {
      const d = ca.get(n);
      if (!d || !sameDefinition('constraint', d.definition, c.definition) || d.type !== c.type) out.push(...addConstraintStatements(b, c, ctx));
      else out.push(...commentStatements(`CONSTRAINT ${ident(n)} ON ${name}`, d.comment, c.comment, id.constraint(b.schema, b.name, n), src));
      if (d && (!sameDefinition('constraint', d.definition, c.definition) || d.type !== c.type))
        out.push(...commentStatements(`CONSTRAINT ${ident(n)} ON ${name}`, null, c.comment, id.constraint(b.schema, b.name, n), src));
    }
    for (const [n, c] of cb) if (!ca.has(n)) out.push(...commentStatements(`CONSTRAINT ${ident(n)} ON ${name}`, null, c.comment, id.constraint(b.schema, b.name, n), src));

    const { set, reset } = optionChanges(a.options, b.options);
    if (reset.length) out.push(stmt({ sql: `ALTER TABLE ${name} RESET (${reset.join(', ')})`, source: src, rank: RANK.alterTable, needs: [tid] }));
    if (set.length) out.push(stmt({ sql: `ALTER TABLE ${name} SET (${set.join(', ')})`, source: src, rank: RANK.alterTable, needs: [tid] }));

    if (a.rowSecurity !== b.rowSecurity)
      out.push(
        stmt({
          sql: `ALTER TABLE ${name} ${b.rowSecurity ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY`,
          source: src,
          rank: RANK.alterTable,
          needs: [tid],
          hazards: [hazard.authz(`${b.rowSecurity ? 'enables' : 'disables'} row level security on ${b.schema}.${b.name}`)],
        }),
      );
    if (a.forceRowSecurity !== b.forceRowSecurity)
      out.push(stmt({ sql: `ALTER TABLE ${name} ${b.forceRowSecurity ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY`, source: src, rank: RANK.alterTable, needs: [tid] }));

    out.push(...commentStatements(`TABLE ${name}`, a.comment, b.comment, tid, src));
    out.push(...aclStatements(`TABLE ${name}`, a.acl, b.acl, tid, src));
    return out;
  },
};
