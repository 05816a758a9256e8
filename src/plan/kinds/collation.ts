import type { Collation } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { literal, qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { commentStatements } from './common.js';

export const collationPlanner: KindPlanner<Collation> = {
  create(o) {
    const cid = id.type('collation', o.schema, o.name);
    const name = qualified(o.schema, o.name);
    const opts: string[] = [`provider = ${o.provider}`];
    if (o.provider === 'libc') {
      if (o.lcCollate) opts.push(`lc_collate = ${literal(o.lcCollate)}`);
      if (o.lcCtype) opts.push(`lc_ctype = ${literal(o.lcCtype)}`);
    } else if (o.locale) opts.push(`locale = ${literal(o.locale)}`);
    if (!o.deterministic) opts.push('deterministic = false');
    const src = `create collation ${o.schema}.${o.name}`;
    return [
      stmt({ sql: `CREATE COLLATION ${name} (${opts.join(', ')})`, source: src, rank: RANK.createCollation, provides: [cid], needs: [id.schema(o.schema)] }),
      ...commentStatements(`COLLATION ${name}`, null, o.comment, cid, src),
    ];
  },
  drop(o) {
    const cid = id.type('collation', o.schema, o.name);
    return [
      stmt({ sql: `DROP COLLATION ${qualified(o.schema, o.name)}`, source: `drop collation ${o.schema}.${o.name}`, rank: RANK.dropType, removes: [cid], uses: [id.schema(o.schema)] }),
    ];
  },
  alter(a, b) {
    const { comment: ca, ...ra } = a;
    const { comment: cb, ...rb } = b;
    if (JSON.stringify(ra) !== JSON.stringify(rb)) return 'recreate';
    return commentStatements(`COLLATION ${qualified(b.schema, b.name)}`, ca, cb, id.type('collation', b.schema, b.name), `alter collation ${b.schema}.${b.name}`);
  },
};
