import type { Grant } from '../catalog/model.js';
import { n, type AclRow, type Row } from './rows.js';

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

/** Where the rows of each query find their ACL among the rows of acls.sql: its catalog, the row's oid and sub-id (a column's number). */
const ACL_OF: Readonly<Record<string, (r: Row) => readonly [string, unknown, unknown]>> = {
  schemas: (r) => ['pg_namespace', r.oid, 0],
  types: (r) => ['pg_type', r.oid, 0],
  relations: (r) => ['pg_class', r.oid, 0],
  columns: (r) => ['pg_class', r.relid, r.position],
  functions: (r) => ['pg_proc', r.oid, 0],
  default_acls: (r) => ['pg_default_acl', r.oid, 0],
};

/** Gives each row of those queries its `acl` (the exploded grants, or null for the built-in default), read once by acls.sql. */
export function attachAcls(q: Record<string, Row[]>): void {
  const key = (catalog: unknown, oid: unknown, sub: unknown) => `${String(catalog)}\u0000${n(oid)}\u0000${n(sub)}`;
  const acls = new Map<string, unknown>();
  for (const r of q.acls ?? []) acls.set(key(r.catalog, r.oid, r.sub), r.acl);
  for (const [name, at] of Object.entries(ACL_OF)) for (const r of q[name] ?? []) r.acl = acls.get(key(...at(r))) ?? null;
}
