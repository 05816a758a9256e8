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

/** Where the rows of each query find their ACL among the rows of acls.sql: its catalog, the row's oid column and sub-id column (a column's number). */
const ACL_OF: Readonly<Record<string, readonly [catalog: string, oid: string, sub?: string]>> = {
  schemas: ['pg_namespace', 'oid'],
  types: ['pg_type', 'oid'],
  relations: ['pg_class', 'oid'],
  columns: ['pg_class', 'relid', 'position'],
  functions: ['pg_proc', 'oid'],
  default_acls: ['pg_default_acl', 'oid'],
};

/**
 * Gives the rows of those queries that have an explicit ACL their `acl` (the exploded grants, read once
 * by acls.sql); the others keep none: the built-in default. Keyed by a number (oid * 2048 + sub-id;
 * attnum <= 1600), no key string per row.
 */
export function attachAcls(q: Record<string, Row[]>): void {
  const acls = new Map<string, Map<number, unknown>>();
  for (const r of q.acls ?? []) {
    let m = acls.get(String(r.catalog));
    if (!m) acls.set(String(r.catalog), (m = new Map()));
    m.set(n(r.oid) * 2048 + n(r.sub), r.acl);
  }
  for (const [name, [catalog, oid, sub]] of Object.entries(ACL_OF)) {
    const m = acls.get(catalog);
    if (!m) continue;
    for (const r of q[name] ?? []) {
      const grants = m.get(n(r[oid]) * 2048 + (sub ? n(r[sub]) : 0));
      if (grants !== undefined) r.acl = grants;
    }
  }
}
