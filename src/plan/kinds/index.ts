import type { Index } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner, type PlanContext } from '../context.js';
import { commentStatements } from './common.js';
import { nameClaim } from './names.js';
import { createdImplicitly, implicitIndexStatements } from '../partition-index.js';
import { sameDefinition } from '../../sql/expression-key.js';

function parentId(o: Index, ctx: PlanContext, side: 'current' | 'desired') {
  const cat = side === 'current' ? ctx.current : ctx.desired;
  const mv = id.relation('matview', o.schema, o.table);
  return cat.matviews.has(mv) ? mv : id.relation('table', o.schema, o.table);
}

export const indexPlanner: KindPlanner<Index> = {
  create(o, ctx) {
    if (createdImplicitly(o, ctx)) return implicitIndexStatements(o);
    const iid = id.relation('index', o.schema, o.name);
    const src = `create index ${o.schema}.${o.name}`;
    return [
      stmt({
        sql: o.definition,
        source: src,
        rank: RANK.createIndex,
        provides: [iid, nameClaim(o.schema, o.name)],
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
    return [
      stmt({
        sql: `DROP INDEX ${qualified(o.schema, o.name)}`,
        source: `drop index ${o.schema}.${o.name}`,
        rank: RANK.dropChild,
        removes: [iid, nameClaim(o.schema, o.name)],
        uses: [parentId(o, ctx, 'current')],
      }),
    ];
  },
  alter(a, b) {
    if (!sameDefinition('statement', a.definition, b.definition) || a.table !== b.table || a.parentIndex !== b.parentIndex) return 'recreate';
    return commentStatements(`INDEX ${qualified(b.schema, b.name)}`, a.comment, b.comment, id.relation('index', b.schema, b.name), `alter index ${b.schema}.${b.name}`);
  },
};
