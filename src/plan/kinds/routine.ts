import type { Routine } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { ident } from '../../sql/quote.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { routineFacts } from '../../sql/routine-parse.js';
import { depsOf, routineBodyDeps, routineSignatureClaim } from '../deps.js';
import { aclStatements, commentStatements } from './common.js';

const PUBLIC_EXECUTE = [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];

function signature(o: Routine): string {
  return `${o.routineKind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${ident(o.schema)}.${ident(o.name)}(${o.identityArgs})`;
}

function definition(o: Routine): string {
  let d = o.definition.trimEnd();
  if (d.endsWith(';')) d = d.slice(0, -1).trimEnd();
  return d;
}

export const routinePlanner: KindPlanner<Routine> = {
  create(o, ctx) {
    const fid = id.function(o.schema, o.name, o.identityArgs);
    const src = `create ${o.routineKind} ${o.schema}.${o.name}(${o.identityArgs})`;
    return [
      stmt({
        sql: definition(o),
        source: src,
        rank: RANK.createFunction,
        provides: [fid, routineSignatureClaim(o)],
        needs: depsOf(ctx.desired, fid, o.schema),
        softNeeds: routineBodyDeps(ctx.desired, o),
      }),
      ...commentStatements(signature(o), null, o.comment, fid, src),
      ...aclStatements(signature(o), PUBLIC_EXECUTE, o.acl, ref.function(o.schema, o.name, o.identityArgs), src),
    ];
  },
  drop(o, ctx) {
    const fid = id.function(o.schema, o.name, o.identityArgs);
    return [
      stmt({
        sql: `DROP ${signature(o)}`,
        source: `drop ${o.routineKind} ${o.schema}.${o.name}(${o.identityArgs})`,
        rank: RANK.dropFunction,
        removes: [fid, routineSignatureClaim(o)],
        uses: depsOf(ctx.current, fid, o.schema),
      }),
    ];
  },
  alter(a, b, ctx) {
    if (a.result !== b.result || a.routineKind !== b.routineKind) return 'recreate';
    // parameter names, OUT parameters and removed defaults: CREATE OR REPLACE refuses them
    if (routineFacts(a.definition)?.parameters !== routineFacts(b.definition)?.parameters) return 'recreate';
    const fid = id.function(b.schema, b.name, b.identityArgs);
    const src = `alter ${b.routineKind} ${b.schema}.${b.name}(${b.identityArgs})`;
    const out = [];
    if (a.definition !== b.definition)
      out.push(
        stmt({
          sql: definition(b),
          source: src,
          rank: RANK.createFunction,
          provides: [fid],
          needs: depsOf(ctx.desired, fid, b.schema),
          softNeeds: routineBodyDeps(ctx.desired, b),
        }),
      );
    out.push(...commentStatements(signature(b), a.comment, b.comment, fid, src));
    out.push(...aclStatements(signature(b), a.acl, b.acl, ref.function(b.schema, b.name, b.identityArgs), src));
    return out;
  },
};
