/**
 * Default privileges (ALTER DEFAULT PRIVILEGES). A global entry (no schema)
 * replaces the built-in defaults of its object type, so it is compared with
 * those when it is created or dropped; an entry for a schema adds to the
 * global one and starts from nothing. Revokes run before grants of the same
 * entry, so a grant that only gains or loses WITH GRANT OPTION is not undone.
 */
import type { DefaultPrivilege, Grant } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { ident, roleName } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import type { PlannedStatement } from '../statement.js';

const OBJECTS: Record<DefaultPrivilege['objectType'], string> = { r: 'TABLES', S: 'SEQUENCES', f: 'FUNCTIONS', T: 'TYPES', n: 'SCHEMAS' };

const OWNER_PRIVILEGES: Record<DefaultPrivilege['objectType'], readonly string[]> = {
  r: ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'],
  S: ['SELECT', 'UPDATE', 'USAGE'],
  f: ['EXECUTE'],
  T: ['USAGE'],
  n: ['CREATE', 'USAGE'],
};
const PUBLIC_PRIVILEGES: Record<DefaultPrivilege['objectType'], readonly string[]> = { r: [], S: [], f: ['EXECUTE'], T: ['USAGE'], n: [] };

/** What PostgreSQL grants on new objects when no entry says otherwise (acldefault). */
export function builtinDefault(d: DefaultPrivilege): Grant[] {
  if (d.schema) return [];
  const owner = OWNER_PRIVILEGES[d.objectType].map((privilege) => ({ grantee: d.role, privilege, grantable: false }));
  const pub = PUBLIC_PRIVILEGES[d.objectType].map((privilege) => ({ grantee: 'PUBLIC', privilege, grantable: false }));
  return [...pub, ...owner];
}

function statements(from: readonly Grant[], to: readonly Grant[], d: DefaultPrivilege): PlannedStatement[] {
  const prefix = `ALTER DEFAULT PRIVILEGES FOR ROLE ${ident(d.role)}${d.schema ? ` IN SCHEMA ${ident(d.schema)}` : ''}`;
  const src = `default privileges of ${d.role}${d.schema ? ` in ${d.schema}` : ''} on ${OBJECTS[d.objectType].toLowerCase()}`;
  const on = OBJECTS[d.objectType];
  const k = (g: Grant) => `${g.grantee}\u0000${g.privilege}`;
  const a = new Map(from.map((g) => [k(g), g]));
  const b = new Map(to.map((g) => [k(g), g]));
  const out: PlannedStatement[] = [];
  const schemaNeeds = d.schema ? [id.schema(d.schema)] : [];
  const revoked = id.mark('revoked', ref.defaultAcl(d.role, d.schema, d.objectType));
  for (const [key, g] of a) {
    const h = b.get(key);
    if (h && h.grantable === g.grantable) continue;
    if (h && !g.grantable) continue; // gains the grant option: the grant below adds it
    const opt = h ? 'GRANT OPTION FOR ' : '';
    out.push(
      stmt({
        sql: `${prefix} REVOKE ${opt}${g.privilege} ON ${on} FROM ${roleName(g.grantee)}`,
        source: src,
        rank: RANK.grant,
        uses: schemaNeeds,
        provides: [revoked],
        hazards: [hazard.authz(src)],
      }),
    );
  }
  for (const [key, g] of b) {
    const h = a.get(key);
    if (h && (h.grantable === g.grantable || !g.grantable)) continue;
    out.push(
      stmt({
        sql: `${prefix} GRANT ${g.privilege} ON ${on} TO ${roleName(g.grantee)}${g.grantable ? ' WITH GRANT OPTION' : ''}`,
        source: src,
        rank: RANK.createSchema + 1,
        needs: [...schemaNeeds, revoked],
      }),
    );
  }
  return out;
}

export const defaultAclPlanner: KindPlanner<DefaultPrivilege> = {
  create: (d) => statements(builtinDefault(d), d.acl, d),
  drop: (d) => statements(d.acl, builtinDefault(d), d),
  alter: (a, b) => statements(a.acl, b.acl, b),
};
