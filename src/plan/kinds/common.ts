import type { Acl, Grant, MaterializedView, ObjectId, View } from '../../catalog/model.js';
import { id, ref, refKey, type ObjectRef } from '../../catalog/identity.js';
import { onRelation } from '../../catalog/ref.js';
import { ident, literal, qualified, roleName } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt } from '../context.js';
import type { PlannedStatement } from '../statement.js';

/** COMMENT ON <target> IS ... when the comment differs. */
export function commentStatements(
  target: string,
  from: string | null,
  to: string | null,
  objectId: ObjectId,
  source: string,
): PlannedStatement[] {
  if (from === to) return [];
  return [
    stmt({
      sql: `COMMENT ON ${target} IS ${to === null ? 'NULL' : literal(to)}`,
      source,
      rank: RANK.comment,
      needs: [objectId],
    }),
  ];
}

function key(g: Grant): string {
  return `${g.grantee}\u0000${g.privilege}`;
}

/** The mark a relation's table-wide REVOKE provides: the grants on its columns come after it (they would be taken off). */
function tableWideRevoke(target: ObjectRef): ObjectId | undefined {
  const on = onRelation(target) ?? (target.kind === 'table' || target.kind === 'view' || target.kind === 'matview' ? { schema: target.schema, name: target.name } : undefined);
  return on ? id.mark('acl-revoked', ref.name('relname', on.schema, on.name)) : undefined;
}

/**
 * GRANT / REVOKE statements that turn one ACL into another.
 * `on` is e.g. "TABLE s.t", "FUNCTION s.f(integer)", "SCHEMA s"; `target` the object (a column for column grants, named by `column`).
 */
export function aclStatements(on: string, from: Acl, to: Acl, target: ObjectRef, source: string, column?: string): PlannedStatement[] {
  const a = new Map((from ?? []).map((g) => [key(g), g]));
  const b = new Map((to ?? []).map((g) => [key(g), g]));
  const out: PlannedStatement[] = [];
  const objectId = refKey(target);
  const revoked = tableWideRevoke(target);
  const col = column ? ` (${ident(column)})` : '';
  const revokes = new Map<string, string[]>();
  const grants = new Map<string, string[]>();
  const push = (m: Map<string, string[]>, k: string, p: string) => {
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  };
  for (const [k, g] of a) {
    const h = b.get(k);
    if (!h) push(revokes, `${g.grantee}\u0000${g.grantable}`, g.privilege);
    else if (g.grantable && !h.grantable) push(revokes, `${g.grantee}\u0000grant-option`, g.privilege);
  }
  for (const [k, g] of b) {
    const h = a.get(k);
    if (!h || (!h.grantable && g.grantable)) push(grants, `${g.grantee}\u0000${g.grantable}`, g.privilege);
  }
  for (const [k, privs] of [...revokes].sort()) {
    const [grantee, mode] = k.split('\u0000') as [string, string];
    const opt = mode === 'grant-option' ? 'GRANT OPTION FOR ' : '';
    out.push(
      stmt({
        sql: `REVOKE ${opt}${privs.sort().join(', ')}${col} ON ${on} FROM ${roleName(grantee)}`,
        source,
        rank: RANK.grant,
        needs: [objectId],
        // a table-wide REVOKE also takes the privilege off every column: column grants come after it
        ...(column || !revoked ? {} : { provides: [revoked] }),
        hazards: [hazard.authz(`revokes ${privs.join(', ')} on ${on} from ${grantee}`)],
      }),
    );
  }
  for (const [k, privs] of [...grants].sort()) {
    const [grantee, grantable] = k.split('\u0000') as [string, string];
    out.push(
      stmt({
        sql: `GRANT ${privs.sort().join(', ')}${col} ON ${on} TO ${roleName(grantee)}${grantable === 'true' ? ' WITH GRANT OPTION' : ''}`,
        source,
        rank: RANK.grant,
        needs: column && revoked ? [objectId, revoked] : [objectId],
      }),
    );
  }
  return out;
}

/** Strip the trailing semicolon that pg_get_viewdef prints. */
export function viewBody(def: string): string {
  let s = def.trimEnd();
  if (s.endsWith(';')) s = s.slice(0, -1);
  return s.trim();
}

/** "WITH (a=b, c)" or "" */
export function withOptions(options: readonly string[]): string {
  return options.length ? ` WITH (${options.join(', ')})` : '';
}

export function optionName(o: string): string {
  const i = o.indexOf('=');
  return i < 0 ? o : o.slice(0, i);
}

/** ALTER ... SET (..) / RESET (..) for storage options. */
export function optionChanges(from: readonly string[], to: readonly string[]): { set: string[]; reset: string[] } {
  const set = to.filter((o) => !from.includes(o));
  const toNames = new Set(to.map(optionName));
  const reset = from.filter((o) => !toNames.has(optionName(o))).map(optionName);
  return { set, reset };
}

/**
 * Comments and grants of a view or materialized view and of its columns: all
 * of them on create (from = null), only the differences on alter.
 */
export function viewExtras<V extends View | MaterializedView>(keyword: 'VIEW' | 'MATERIALIZED VIEW', v: V, from: V | null, src: string): PlannedStatement[] {
  const vid = id.relation(v.kind, v.schema, v.name);
  const name = qualified(v.schema, v.name);
  const out = [...commentStatements(`${keyword} ${name}`, from?.comment ?? null, v.comment, vid, src)];
  for (const c of v.columns) {
    const old = from?.columns.find((x) => x.name === c.name);
    const cid = id.column(v.schema, v.name, c.name);
    out.push(...commentStatements(`COLUMN ${name}.${ident(c.name)}`, old?.comment ?? null, c.comment, cid, src));
    out.push(...aclStatements(`TABLE ${name}`, old?.acl ?? [], c.acl, ref.column(v.schema, v.name, c.name), src, c.name));
  }
  out.push(...aclStatements(`TABLE ${name}`, from?.acl ?? [], v.acl, ref.relation(v.kind, v.schema, v.name), src));
  return out;
}

/** The column ids of a view or materialized view (what creating it provides). */
export function viewColumnIds(v: View | MaterializedView): ObjectId[] {
  return v.columns.map((c) => id.column(v.schema, v.name, c.name));
}
