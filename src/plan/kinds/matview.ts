import type { MaterializedView } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { depsOf } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { optionChanges, viewBody, viewColumnIds, viewExtras, withOptions } from './common.js';
import { nameClaim } from './names.js';

export const matviewPlanner: KindPlanner<MaterializedView> = {
  create(v, ctx) {
    const vid = id.relation('matview', v.schema, v.name);
    const src = `create materialized view ${v.schema}.${v.name}`;
    return [
      stmt({
        sql: `CREATE MATERIALIZED VIEW ${qualified(v.schema, v.name)}${withOptions(v.options)} AS ${viewBody(v.definition)} WITH ${v.withData ? '' : 'NO '}DATA`,
        source: src,
        rank: RANK.createMatview,
        provides: [vid, nameClaim(v.schema, v.name), ...viewColumnIds(v)],
        needs: depsOf(ctx.desired, vid, v.schema),
      }),
      ...viewExtras('MATERIALIZED VIEW', v, null, src),
    ];
  },
  drop(v, ctx) {
    const vid = id.relation('matview', v.schema, v.name);
    return [
      stmt({
        sql: `DROP MATERIALIZED VIEW ${qualified(v.schema, v.name)}`,
        source: `drop materialized view ${v.schema}.${v.name}`,
        rank: RANK.dropDependent,
        removes: [vid, nameClaim(v.schema, v.name), ...viewColumnIds(v)],
        uses: depsOf(ctx.current, vid, v.schema),
        hazards: [hazard.dropsMatview(`${v.schema}.${v.name}`)],
      }),
    ];
  },
  alter(a, b) {
    if (a.definition !== b.definition || JSON.stringify(a.columns.map((c) => [c.name, c.type])) !== JSON.stringify(b.columns.map((c) => [c.name, c.type])))
      return 'recreate';
    const vid = id.relation('matview', b.schema, b.name);
    const name = qualified(b.schema, b.name);
    const src = `alter materialized view ${b.schema}.${b.name}`;
    const out: PlannedStatement[] = [];
    const { set, reset } = optionChanges(a.options, b.options);
    if (reset.length) out.push(stmt({ sql: `ALTER MATERIALIZED VIEW ${name} RESET (${reset.join(', ')})`, source: src, rank: RANK.createMatview, needs: [vid] }));
    if (set.length) out.push(stmt({ sql: `ALTER MATERIALIZED VIEW ${name} SET (${set.join(', ')})`, source: src, rank: RANK.createMatview, needs: [vid] }));
    if (a.withData !== b.withData && b.withData)
      out.push(stmt({ sql: `REFRESH MATERIALIZED VIEW ${name}`, source: src, rank: RANK.createMatview, needs: [vid] }));
    out.push(...viewExtras('MATERIALIZED VIEW', b, a, src));
    return out;
  },
};
