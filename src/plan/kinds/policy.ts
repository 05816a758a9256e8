import type { Policy } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { ident, qualified, roleName } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { commentStatements } from './common.js';

function roles(p: Policy): string {
  return p.roles.length ? p.roles.map(roleName).join(', ') : 'PUBLIC';
}

export const policyPlanner: KindPlanner<Policy> = {
  create(p, ctx) {
    const pid = id.policy(p.schema, p.table, p.name);
    const src = `create policy ${p.name} on ${p.schema}.${p.table}`;
    let sql = `CREATE POLICY ${ident(p.name)} ON ${qualified(p.schema, p.table)} AS ${p.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${p.command} TO ${roles(p)}`;
    if (p.using !== null) sql += ` USING (${p.using})`;
    if (p.withCheck !== null) sql += ` WITH CHECK (${p.withCheck})`;
    return [
      stmt({
        sql,
        source: src,
        rank: RANK.createPolicy,
        provides: [pid],
        needs: [id.relation('table', p.schema, p.table), ...(ctx.desired.dependsOn.get(pid) ?? [])],
        hazards: [hazard.authz(`adds row level security policy ${p.name} on ${p.schema}.${p.table}`)],
      }),
      ...commentStatements(`POLICY ${ident(p.name)} ON ${qualified(p.schema, p.table)}`, null, p.comment, pid, src),
    ];
  },
  drop(p, ctx) {
    const pid = id.policy(p.schema, p.table, p.name);
    return [
      stmt({
        sql: `DROP POLICY ${ident(p.name)} ON ${qualified(p.schema, p.table)}`,
        source: `drop policy ${p.name} on ${p.schema}.${p.table}`,
        rank: RANK.dropDependent,
        removes: [pid],
        uses: [id.relation('table', p.schema, p.table), ...(ctx.current.dependsOn.get(pid) ?? [])],
        hazards: [hazard.authz(`removes row level security policy ${p.name} on ${p.schema}.${p.table}`)],
      }),
    ];
  },
  alter(a, b, ctx) {
    if (a.permissive !== b.permissive || a.command !== b.command) return 'recreate';
    const pid = id.policy(b.schema, b.table, b.name);
    const src = `alter policy ${b.name} on ${b.schema}.${b.table}`;
    const out = [];
    const parts: string[] = [];
    if (JSON.stringify(a.roles) !== JSON.stringify(b.roles)) parts.push(`TO ${roles(b)}`);
    if (a.using !== b.using) {
      if (b.using === null) return 'recreate';
      parts.push(`USING (${b.using})`);
    }
    if (a.withCheck !== b.withCheck) {
      if (b.withCheck === null) return 'recreate';
      parts.push(`WITH CHECK (${b.withCheck})`);
    }
    if (parts.length)
      out.push(
        stmt({
          sql: `ALTER POLICY ${ident(b.name)} ON ${qualified(b.schema, b.table)} ${parts.join(' ')}`,
          source: src,
          rank: RANK.createPolicy,
          provides: [pid],
          needs: [...(ctx.desired.dependsOn.get(pid) ?? [])],
          hazards: [hazard.authz(`changes row level security policy ${b.name} on ${b.schema}.${b.table}`)],
        }),
      );
    out.push(...commentStatements(`POLICY ${ident(b.name)} ON ${qualified(b.schema, b.table)}`, a.comment, b.comment, pid, src));
    return out;
  },
};
