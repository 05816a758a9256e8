import type { DefaultPrivilege, Grant } from '../../catalog/model.js';
import { ident, roleName } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import type { PlannedStatement } from '../statement.js';

const OBJECTS: Record<DefaultPrivilege['objectType'], string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

function statements(from: readonly Grant[], to: readonly Grant[], d: DefaultPrivilege): PlannedStatement[] {
  const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(d.role)}${d.schema ? ` IN SCHEMA ${ident(d.schema)}` : ''}`;
  const src = `default privileges of ${d.role}${d.schema ? ` in ${d.schema}` : ''} on ${OBJECTS[d.objectType].toLowerCase()}`;
  const k = (g: Grant) => `${g.grantee}\u0000${g.privilege}\u0000${g.grantable}`;
  const a = new Set(from.map(k));
  const b = new Set(to.map(k));
  const out: PlannedStatement[] = [];
  const needs = d.schema ? [`schema:${d.schema}`] : [];
  for (const g of from)
    if (!b.has(k(g)))
      out.push(stmt({ sql: `${prefix} REVOKE ${g.privilege} ON ${OBJECTS[d.objectType]} FROM ${roleName(g.grantee)}`, source: src, rank: RANK.grant, uses: needs, hazards: [hazard.authz(src)] }));
  for (const g of to)
    if (!a.has(k(g)))
      out.push(
        stmt({
          sql: `${prefix} GRANT ${g.privilege} ON ${OBJECTS[d.objectType]} TO ${roleName(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`,
          source: src,
          rank: RANK.createSchema + 1,
          needs,
        }),
      );
  return out;
}

export const defaultAclPlanner: KindPlanner<DefaultPrivilege> = {
  create: (d) => statements([], d.acl, d),
  drop: (d) => statements(d.acl, [], d),
  alter: (a, b) => statements(a.acl, b.acl, b),
};
