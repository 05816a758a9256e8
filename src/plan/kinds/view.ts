import type { View } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { depsOf } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { optionChanges, viewBody, viewColumnIds, viewExtras, withOptions } from './common.js';
import { nameClaim } from './names.js';

export const viewPlanner: KindPlanner<View> = {
  create(v, ctx) {
    const vid = id.relation('view', v.schema, v.name);
    const src = `create view ${v.schema}.${v.name}`;
    return [
      stmt({
        sql: `CREATE VIEW ${qualified(v.schema, v.name)}${withOptions(v.options)} AS ${viewBody(v.definition)}`,
        source: src,
        rank: RANK.createView,
        provides: [vid, nameClaim(v.schema, v.name), ...viewColumnIds(v)],
        needs: depsOf(ctx.desired, vid, v.schema),
      }),
      ...viewExtras('VIEW', v, null, src),
    ];
  },
  drop(v, ctx) {
    const vid = id.relation('view', v.schema, v.name);
    return [
      stmt({
        sql: `DROP VIEW ${qualified(v.schema, v.name)}`,
        source: `drop view ${v.schema}.${v.name}`,
        rank: RANK.dropDependent,
        removes: [vid, nameClaim(v.schema, v.name), ...viewColumnIds(v)],
        uses: depsOf(ctx.current, vid, v.schema),
      }),
    ];
  },
  alter(a, b, ctx) {
    const vid = id.relation('view', b.schema, b.name);
    const name = qualified(b.schema, b.name);
    const src = `alter view ${b.schema}.${b.name}`;
    const out: PlannedStatement[] = [];
    if (a.definition !== b.definition || a.columns.length !== b.columns.length || a.columns.some((c, i) => c.name !== b.columns[i]!.name || c.type !== b.columns[i]!.type)) {
      // CREATE OR REPLACE VIEW may only add columns at the end
      const prefixOk = a.columns.length <= b.columns.length && a.columns.every((c, i) => c.name === b.columns[i]!.name && c.type === b.columns[i]!.type);
      if (!prefixOk) return 'recreate';
      out.push(
        stmt({
          sql: `CREATE OR REPLACE VIEW ${name}${withOptions(b.options)} AS ${viewBody(b.definition)}`,
          source: src,
          rank: RANK.createView,
          provides: [vid, ...viewColumnIds(b)],
          removes: [vid],
          needs: depsOf(ctx.desired, vid, b.schema),
          uses: depsOf(ctx.current, vid, a.schema),
        }),
      );
    }
    const { set, reset } = optionChanges(a.options, b.options);
    if (reset.length) out.push(stmt({ sql: `ALTER VIEW ${name} RESET (${reset.join(', ')})`, source: src, rank: RANK.createView, needs: [vid] }));
    if (set.length) out.push(stmt({ sql: `ALTER VIEW ${name} SET (${set.join(', ')})`, source: src, rank: RANK.createView, needs: [vid] }));
    out.push(...viewExtras('VIEW', b, a, src));
    return out;
  },
};
