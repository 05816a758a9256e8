import type { Grant } from '../catalog/model.js';
import type { AclRow } from './rows.js';

/**
 * Effective grants minus the owner's own implicit privileges, sorted. Objects
 * with a default ACL get the built-in defaults (e.g. PUBLIC EXECUTE on functions),
 * so "never granted" and "granted like the default" compare equal.
 */
/** The order of String.prototype.localeCompare (default locale and options), without a collator per call. */
const ORDER = new Intl.Collator();

export function buildAcl(rows: unknown, ownerOid: unknown, defaults: readonly Grant[] = []): Grant[] {
  // no explicit ACL: the built-in default (the owner's own privileges, plus these)
  if (rows === null || rows === undefined) return [...defaults];
  const list = rows as AclRow[];
  const owner = Number(ownerOid);
  return list
    .filter(([grantee]) => Number(grantee) !== owner)
    .map(([, privilege, grantable, name]) => ({ grantee: name, privilege, grantable }))
    .sort((x, y) => ORDER.compare(x.grantee + ' ' + x.privilege, y.grantee + ' ' + y.privilege));
}

export const PUBLIC_USAGE: readonly Grant[] = [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];
export const PUBLIC_EXECUTE: readonly Grant[] = [{ grantee: 'PUBLIC', privilege: 'EXECUTE', grantable: false }];
