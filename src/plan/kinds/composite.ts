import type { CompositeType } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { depsOf } from '../deps.js';
import { aclStatements, commentStatements } from './common.js';
import { nameClaim } from './names.js';

const PUBLIC_USAGE = [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];

function attr(a: CompositeType['attributes'][number]): string {
  return `${ident(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`;
}

export const compositePlanner: KindPlanner<CompositeType> = {
  create(o, ctx) {
    const tid = id.type('composite', o.schema, o.name);
    const name = qualified(o.schema, o.name);
    const src = `create type ${o.schema}.${o.name}`;
    return [
      stmt({
        sql: `CREATE TYPE ${name} AS (${o.attributes.map(attr).join(', ')})`,
        source: src,
        rank: RANK.createType,
        provides: [tid, nameClaim(o.schema, o.name)],
        needs: depsOf(ctx.desired, tid, o.schema),
      }),
      ...commentStatements(`TYPE ${name}`, null, o.comment, tid, src),
      ...aclStatements(`TYPE ${name}`, PUBLIC_USAGE, o.acl, tid, src),
    ];
  },
  drop(o, ctx) {
    const tid = id.type('composite', o.schema, o.name);
    return [
      stmt({
        sql: `DROP TYPE ${qualified(o.schema, o.name)}`,
        source: `drop type ${o.schema}.${o.name}`,
        rank: RANK.dropType,
        removes: [tid, nameClaim(o.schema, o.name)],
        uses: depsOf(ctx.current, tid, o.schema),
      }),
    ];
  },
  alter(a, b) {
    const tid = id.type('composite', b.schema, b.name);
    const name = qualified(b.schema, b.name);
    const src = `alter type ${b.schema}.${b.name}`;
    // attributes kept must stay in the same relative order, new ones only at the end
    const kept = b.attributes.filter((x) => a.attributes.some((y) => y.name === x.name));
    const keptOld = a.attributes.filter((x) => b.attributes.some((y) => y.name === x.name));
    if (kept.some((x, i) => keptOld[i]!.name !== x.name)) return 'recreate';
    const firstNew = b.attributes.findIndex((x) => !a.attributes.some((y) => y.name === x.name));
    if (firstNew >= 0 && b.attributes.slice(firstNew).some((x) => a.attributes.some((y) => y.name === x.name))) return 'recreate';
    const out = [];
    const s = (sql: string) => stmt({ sql, source: src, rank: RANK.alterType });
    for (const x of a.attributes) if (!b.attributes.some((y) => y.name === x.name)) out.push(s(`ALTER TYPE ${name} DROP ATTRIBUTE ${ident(x.name)}`));
    for (const x of b.attributes) {
      const old = a.attributes.find((y) => y.name === x.name);
      if (!old) out.push(s(`ALTER TYPE ${name} ADD ATTRIBUTE ${attr(x)}`));
      else if (old.type !== x.type || old.collation !== x.collation)
        out.push(s(`ALTER TYPE ${name} ALTER ATTRIBUTE ${ident(x.name)} SET DATA TYPE ${x.type}${x.collation ? ` COLLATE ${x.collation}` : ''}`));
    }
    out.push(...commentStatements(`TYPE ${name}`, a.comment, b.comment, tid, src));
    out.push(...aclStatements(`TYPE ${name}`, a.acl, b.acl, tid, src));
    return out;
  },
};
