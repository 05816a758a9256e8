import type { View } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { depsOf } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { aclStatements, commentStatements, optionChanges, viewBody, withOptions } from './common.js';
import { nameClaim } from './names.js';

function viewColumnIds(v: View) {
  return v.columns.map((c) => id.column(v.schema, v.name, c.name));
}

function extras(v: View, from: View | null, src: string): PlannedStatement[] {
  const vid = id.relation('view', v.schema, v.name);
  const name = qualified(v.schema, v.name);
  const out = [...commentStatements(`VIEW ${name}`, from?.comment ?? null, v.comment, vid, src)];
  for (const c of v.columns) {
    const old = from?.columns.find((x) => x.name === c.name);
    const cid = id.column(v.schema, v.name, c.name);
    out.push(...commentStatements(`COLUMN ${name}.${ident(c.name)}`, old?.comment ?? null, c.comment, cid, src));
    out.push(...aclStatements(`TABLE ${name}`, old?.acl ?? [], c.acl, cid, src, ident(c.name)));
  }
  out.push(...aclStatements(`TABLE ${name}`, from?.acl ?? [], v.acl, vid, src));
  return out;
}

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
      ...extras(v, null, src),
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
    out.push(...extras(b, a, src));
    return out;
  },
};
