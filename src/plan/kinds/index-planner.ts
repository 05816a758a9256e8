import type { Index } from '../../catalog/model.js';
import { id, ref, refKey } from '../../catalog/identity.js';
import { concurrentIndexSql } from '../../sql/index-sql.js';
import { ident, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner, type PlanContext } from '../context.js';
import { LONG_LOCK_TIMEOUT_MS, LONG_STATEMENT_TIMEOUT_MS, isOnlineTable, swapName } from '../online.js';
import type { PlannedStatement } from '../statement.js';
import { commentStatements } from './common.js';
import { nameClaim } from './names.js';
import { sameDefinition } from '../../sql/expression-key.js';
import { createdImplicitly, implicitIndexStatements } from '../partition-index.js';
import { indexColumns } from '../index-columns.js';
import { needsRemake } from './table-columns.js';

function parentId(o: Index, ctx: PlanContext, side: 'current' | 'desired') {
  const cat = side === 'current' ? ctx.current : ctx.desired;
  const mv = id.relation('matview', o.schema, o.table);
  return cat.matviews.has(mv) ? mv : id.relation('table', o.schema, o.table);
}

/** An index of a table that exists and stays: built and dropped CONCURRENTLY, outside a transaction. */
function online(o: Index, ctx: PlanContext): boolean {
  return o.parentIndex === null && isOnlineTable(ctx, o.schema, o.table);
}

/** CREATE INDEX CONCURRENTLY: no write lock; on a crash an INVALID index is left, which apply drops and builds again. */
function buildConcurrently(o: Index, ctx: PlanContext, as: string, src: string, extra: { provides: string[] }): PlannedStatement {
  return stmt({
    sql: concurrentIndexSql(o.definition, as === o.name ? undefined : as),
    source: src,
    rank: RANK.createIndex,
    provides: extra.provides,
    // its columns too: one the plan adds (after re-making its type, say) must exist before the build
    needs: [parentId(o, ctx, 'desired'), ...(ctx.desired.dependsOn.get(id.relation('index', o.schema, o.name)) ?? []), ...[...indexColumns(o.definition)].map((n) => id.column(o.schema, o.table, n))],
    hazards: [hazard.indexBuildOnline(`${o.schema}.${as}`), hazard.notTransactional('CREATE INDEX CONCURRENTLY')],
    transactional: false,
    lockTimeoutMs: LONG_LOCK_TIMEOUT_MS,
    statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
  });
}

function dropConcurrently(o: Index, ctx: PlanContext, src: string): PlannedStatement {
  const iid = id.relation('index', o.schema, o.name);
  return stmt({
    sql: `DROP INDEX CONCURRENTLY ${qualified(o.schema, o.name)}`,
    source: src,
    rank: RANK.dropChild,
    removes: [iid, nameClaim(o.schema, o.name)],
    uses: [parentId(o, ctx, 'current')],
    hazards: [hazard.notTransactional('DROP INDEX CONCURRENTLY')],
    transactional: false,
    lockTimeoutMs: LONG_LOCK_TIMEOUT_MS,
    statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
  });
}

/** A changed index of an existing table: the new one built beside the old, the old dropped, the new renamed. */
function swap(a: Index, b: Index, ctx: PlanContext): PlannedStatement[] {
  const index = ref.relation('index', b.schema, b.name);
  const iid = refKey(index);
  const [built, dropped] = [id.mark('swap', index), id.mark('dropped', index)];
  const src = `alter index ${b.schema}.${b.name}`;
  const tmp = swapName(b.name);
  const drop = dropConcurrently(a, ctx, src);
  return [
    buildConcurrently(b, ctx, tmp, src, { provides: [built, nameClaim(b.schema, tmp)] }),
    { ...drop, provides: [dropped], needs: [built] },
    stmt({
      sql: `ALTER INDEX ${qualified(b.schema, tmp)} RENAME TO ${ident(b.name)}`,
      source: src,
      rank: RANK.createIndex,
      provides: [iid, nameClaim(b.schema, b.name)],
      needs: [built, dropped],
    }),
    ...commentStatements(`INDEX ${qualified(b.schema, b.name)}`, null, b.comment, iid, src),
  ];
}

/** Whether the old index names a column of its table that the desired table no longer has, or re-makes. */
function usesDroppedColumn(a: Index, ctx: PlanContext): boolean {
  const tid = id.relation('table', a.schema, a.table);
  const have = ctx.current.tables.get(tid);
  const want = ctx.desired.tables.get(tid);
  if (!have || !want) return false;
  const used = indexColumns(a.definition);
  return have.columns.some((c) => {
    const w = want.columns.find((x) => x.name === c.name);
    return used.has(c.name) && (!w || needsRemake(c, w));
  });
}

export const indexPlanner: KindPlanner<Index> = {
  create(o, ctx) {
    if (createdImplicitly(o, ctx)) return implicitIndexStatements(o);
    const iid = id.relation('index', o.schema, o.name);
    const src = `create index ${o.schema}.${o.name}`;
    const provides = [iid, nameClaim(o.schema, o.name)];
    return [
      online(o, ctx)
        ? buildConcurrently(o, ctx, o.name, src, { provides })
        : stmt({
            sql: o.definition,
            source: src,
            rank: RANK.createIndex,
            provides,
            needs: [parentId(o, ctx, 'desired'), ...(ctx.desired.dependsOn.get(iid) ?? [])],
            hazards: [hazard.indexBuild(`${o.schema}.${o.name}`)],
          }),
      ...(o.parentIndex
        ? [
            // an index of a partition belongs to its partitioned parent index
            stmt({
              sql: `ALTER INDEX ${qualified(o.schema, o.parentIndex)} ATTACH PARTITION ${qualified(o.schema, o.name)}`,
              source: src,
              rank: RANK.createIndex,
              needs: [iid, id.relation('index', o.schema, o.parentIndex)],
            }),
          ]
        : []),
      ...commentStatements(`INDEX ${qualified(o.schema, o.name)}`, null, o.comment, iid, src),
    ];
  },
  drop(o, ctx) {
    const iid = id.relation('index', o.schema, o.name);
    // an index attached to a partitioned parent index goes with the parent
    if (o.parentIndex) return [];
    const src = `drop index ${o.schema}.${o.name}`;
    if (online(o, ctx)) return [dropConcurrently(o, ctx, src)];
    return [
      stmt({
        sql: `DROP INDEX ${qualified(o.schema, o.name)}`,
        source: src,
        rank: RANK.dropChild,
        removes: [iid, nameClaim(o.schema, o.name)],
        uses: [parentId(o, ctx, 'current')],
      }),
    ];
  },
  alter(a, b, ctx) {
    if (!sameDefinition('statement', a.definition, b.definition) || a.table !== b.table || a.parentIndex !== b.parentIndex) {
      // an index on a column the plan drops goes with the column: no swap, which would drop it again afterwards
      if (a.table === b.table && online(a, ctx) && online(b, ctx) && !usesDroppedColumn(a, ctx)) return swap(a, b, ctx);
      return 'recreate';
    }
    return commentStatements(`INDEX ${qualified(b.schema, b.name)}`, a.comment, b.comment, id.relation('index', b.schema, b.name), `alter index ${b.schema}.${b.name}`);
  },
};
