import type { CompositeType } from '../../catalog/model.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { createTypeStatements, dropTypeStatements, typeAnnotationChanges } from './user-type.js';

function attr(a: CompositeType['attributes'][number]): string {
  return `${ident(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''}`;
}

export const compositePlanner: KindPlanner<CompositeType> = {
  create(o, ctx) {
    return createTypeStatements('composite', o, ctx, `AS (${o.attributes.map(attr).join(', ')})`);
  },
  drop(o, ctx) {
    return dropTypeStatements('composite', o, ctx);
  },
  alter(a, b) {
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
    out.push(...typeAnnotationChanges('composite', a, b));
    return out;
  },
};
