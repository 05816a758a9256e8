import type { Trigger } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner, type PlanContext } from '../context.js';
import type { PlannedStatement } from '../statement.js';
import { commentStatements } from './common.js';

const ENABLE: Record<Trigger['enabled'], string> = { O: 'ENABLE', D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' };

function ownerId(t: Trigger, ctx: PlanContext, side: 'current' | 'desired') {
  const cat = side === 'current' ? ctx.current : ctx.desired;
  const v = id.relation('view', t.schema, t.table);
  return cat.views.has(v) ? v : id.relation('table', t.schema, t.table);
}

function enableStatement(t: Trigger, src: string): PlannedStatement {
  const tid = id.trigger(t.schema, t.table, t.name);
  return stmt({
    sql: `ALTER TABLE ${qualified(t.schema, t.table)} ${ENABLE[t.enabled]} TRIGGER ${ident(t.name)}`,
    source: src,
    rank: RANK.createTrigger,
    needs: [tid],
  });
}

export const triggerPlanner: KindPlanner<Trigger> = {
  create(t, ctx) {
    const tid = id.trigger(t.schema, t.table, t.name);
    const src = `create trigger ${t.name} on ${t.schema}.${t.table}`;
    const out = [
      stmt({
        sql: t.definition,
        source: src,
        rank: RANK.createTrigger,
        provides: [tid],
        needs: [ownerId(t, ctx, 'desired'), ...(ctx.desired.dependsOn.get(tid) ?? [])],
      }),
    ];
    if (t.enabled !== 'O') out.push(enableStatement(t, src));
    out.push(...commentStatements(`TRIGGER ${ident(t.name)} ON ${qualified(t.schema, t.table)}`, null, t.comment, tid, src));
    return out;
  },
  drop(t, ctx) {
    const tid = id.trigger(t.schema, t.table, t.name);
    return [
      stmt({
        sql: `DROP TRIGGER ${ident(t.name)} ON ${qualified(t.schema, t.table)}`,
        source: `drop trigger ${t.name} on ${t.schema}.${t.table}`,
        rank: RANK.dropDependent,
        removes: [tid],
        uses: [ownerId(t, ctx, 'current'), ...(ctx.current.dependsOn.get(tid) ?? [])],
      }),
    ];
  },
  alter(a, b) {
    if (a.definition !== b.definition) return 'recreate';
    const src = `alter trigger ${b.name} on ${b.schema}.${b.table}`;
    const out = [];
    if (a.enabled !== b.enabled) out.push(enableStatement(b, src));
    out.push(...commentStatements(`TRIGGER ${ident(b.name)} ON ${qualified(b.schema, b.table)}`, a.comment, b.comment, id.trigger(b.schema, b.table, b.name), src));
    return out;
  },
};
