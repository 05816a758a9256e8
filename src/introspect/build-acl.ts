import type { Grant } from '../catalog/model.js';
import type { AclRow } from './rows.js';

/**
 * Effective grants minus the owner's own implicit privileges, sorted. Objects
 * with a default ACL get the built-in defaults (e.g. PUBLIC EXECUTE on functions),
 * so "never granted" and "granted like the default" compare equal.
 */
export function buildAcl(rows: unknown, ownerOid: unknown): Grant[] {
  const list = (rows as AclRow[] | null) ?? [];
  const owner = Number(ownerOid);
  return list
    .filter(([grantee]) => Number(grantee) !== owner)
    .map(([, privilege, grantable, name]) => ({ grantee: name, privilege, grantable }))
    .sort((x, y) => (x.grantee + ' ' + x.privilege).localeCompare(y.grantee + ' ' + y.privilege));
}
