import type { Domain } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { depsOf } from '../deps.js';
import { hazard } from '../hazards.js';
import { aclStatements, commentStatements } from './common.js';
import { nameClaim } from './names.js';
import { sameDefinition } from '../../sql/expression-key.js';

const PUBLIC_USAGE = [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];

export const domainPlanner: KindPlanner<Domain> = {
  create(o, ctx) {
    const tid = id.type('domain', o.schema, o.name);
    const name = qualified(o.schema, o.name);
    const src = `create domain ${o.schema}.${o.name}`;
    const parts = [`CREATE DOMAIN ${name} AS ${o.baseType}`];
    if (o.collation) parts.push(`COLLATE ${o.collation}`);
    if (o.default !== null) parts.push(`DEFAULT ${o.default}`);
    if (o.notNull) parts.push('NOT NULL');
    for (const c of o.constraints) parts.push(`CONSTRAINT ${ident(c.name)} ${c.definition}`);
    return [
      stmt({ sql: parts.join(' '), source: src, rank: RANK.createType, provides: [tid, nameClaim(o.schema, o.name)], needs: depsOf(ctx.desired, tid, o.schema) }),
      ...commentStatements(`DOMAIN ${name}`, null, o.comment, tid, src),
      ...aclStatements(`DOMAIN ${name}`, PUBLIC_USAGE, o.acl, ref.type('domain', o.schema, o.name), src),
    ];
  },
  drop(o, ctx) {
    const tid = id.type('domain', o.schema, o.name);
    return [
      stmt({
        sql: `DROP DOMAIN ${qualified(o.schema, o.name)}`,
        source: `drop domain ${o.schema}.${o.name}`,
        rank: RANK.dropType,
        removes: [tid, nameClaim(o.schema, o.name)],
        uses: depsOf(ctx.current, tid, o.schema),
      }),
    ];
  },
  alter(a, b) {
    if (a.baseType !== b.baseType || a.collation !== b.collation) return 'recreate';
    const tid = id.type('domain', b.schema, b.name);
    const name = qualified(b.schema, b.name);
    const src = `alter domain ${b.schema}.${b.name}`;
    const out = [];
    const s = (sql: string, extra: object = {}) => stmt({ sql, source: src, rank: RANK.alterType, provides: [tid], uses: [tid], ...extra });
    if (!sameDefinition('expression', a.default, b.default)) out.push(s(b.default === null ? `ALTER DOMAIN ${name} DROP DEFAULT` : `ALTER DOMAIN ${name} SET DEFAULT ${b.default}`));
    if (a.notNull !== b.notNull) out.push(s(`ALTER DOMAIN ${name} ${b.notNull ? 'SET' : 'DROP'} NOT NULL`));
    const before = new Map(a.constraints.map((c) => [c.name, c.definition]));
    const after = new Map(b.constraints.map((c) => [c.name, c.definition]));
    for (const [n, def] of before) if (!sameDefinition('domain-constraint', after.get(n) ?? null, def)) out.push(s(`ALTER DOMAIN ${name} DROP CONSTRAINT ${ident(n)}`));
    for (const [n, def] of after)
      if (!sameDefinition('domain-constraint', before.get(n) ?? null, def))
        out.push(s(`ALTER DOMAIN ${name} ADD CONSTRAINT ${ident(n)} ${def}`, { hazards: [hazard.validatesConstraint(`${b.schema}.${b.name}.${n}`)] }));
    out.push(...commentStatements(`DOMAIN ${name}`, a.comment, b.comment, tid, src));
    out.push(...aclStatements(`DOMAIN ${name}`, a.acl, b.acl, ref.type('domain', b.schema, b.name), src));
    return out;
  },
};
