/**
 * The dependencies between catalog objects, from the rows of depends.sql: each
 * (class, oid, sub-id) resolved to the ObjectId of an object fas models, edges
 * sorted for a deterministic order.
 */
import type { ObjectId } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import type { RelationParts } from './build-relations.js';
import { n, s, type Row } from './rows.js';

export interface OidMaps {
  readonly typeByOid: ReadonlyMap<number, ObjectId>;
  readonly procByOid: ReadonlyMap<number, ObjectId>;
  readonly schemaByOid: ReadonlyMap<number, string>;
}

const relKindName: Record<string, 'table' | 'view' | 'matview' | 'sequence' | 'index' | 'composite'> = {
  r: 'table',
  p: 'table',
  v: 'view',
  m: 'matview',
  S: 'sequence',
  i: 'index',
  ci: 'index',
  c: 'composite',
  f: 'table',
};

export function buildDependencies(q: Record<string, Row[]>, rel: RelationParts, maps: OidMaps): Map<ObjectId, readonly ObjectId[]> {
  const { typeByOid, procByOid, schemaByOid } = maps;
  const triggerByOid = new Map(q.triggers!.map((r) => [n(r.oid), id.trigger(s(r.schema), s(r.table_name), s(r.name))]));
  const policyByOid = new Map(q.policies!.map((r) => [n(r.oid), id.policy(s(r.schema), s(r.table_name), s(r.name))]));
  // keyed by a number (relid * 2048 + attnum; attnum <= 1600): no key string per column
  const colName = new Map<number, string>();
  for (const c of q.columns!) colName.set(n(c.relid) * 2048 + n(c.position), s(c.name));

  const resolve = (cls: string, oid: number, sub: number): ObjectId | undefined => {
    switch (cls) {
      case 'pg_class': {
        const r = rel.relByOid.get(oid);
        if (!r) return undefined;
        if (r.relkind === 'ci') {
          const con = rel.constraintByOid.get(rel.constraintIndex.get(oid) ?? -1);
          return con ? id.constraint(con.schema, con.table, con.name) : undefined;
        }
        if (r.relkind === 'c') return id.type('composite', r.schema, r.name);
        if (r.relkind === 'S' && rel.identitySequences.has(oid)) return undefined;
        if (sub > 0 && (r.relkind === 'r' || r.relkind === 'p' || r.relkind === 'v' || r.relkind === 'm')) {
          const cn = colName.get(oid * 2048 + sub);
          if (cn !== undefined) return id.column(r.schema, r.name, cn);
        }
        return id.relation(relKindName[r.relkind] ?? 'table', r.schema, r.name);
      }
      case 'pg_type':
        return typeByOid.get(oid);
      case 'pg_proc':
        return procByOid.get(oid);
      case 'pg_constraint': {
        const c = rel.constraintByOid.get(oid);
        return c ? id.constraint(c.schema, c.table, c.name) : undefined;
      }
      case 'pg_trigger':
        return triggerByOid.get(oid);
      case 'pg_policy':
        return policyByOid.get(oid);
      case 'pg_namespace': {
        const nm = schemaByOid.get(oid);
        return nm ? id.schema(nm) : undefined;
      }
      default:
        return undefined;
    }
  };
  // Objects recur in many dependency rows: each resolves once, and the same id string (its hash
  // computed once) serves every Map lookup and sort comparison after that. One memo per catalog
  // class (a handful), keyed by a number (oid * 2048 + sub-id).
  const memo = new Map<string, Map<number, ObjectId | null>>();
  const resolveOnce = (cls: string, oid: number, sub: number): ObjectId | null => {
    let m = memo.get(cls);
    if (m === undefined) memo.set(cls, (m = new Map()));
    const k = oid * 2048 + sub;
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = resolve(cls, oid, sub) ?? null));
    return v;
  };
  const deps = new Map<ObjectId, Set<ObjectId>>();
  for (const d of q.depends!) {
    const from = resolveOnce(d.class as string, Number(d.objid), Number(d.objsubid));
    if (from === null) continue;
    const to = resolveOnce(d.refclass as string, Number(d.refobjid), Number(d.refobjsubid));
    if (to === null || from === to) continue;
    let set = deps.get(from);
    if (set === undefined) deps.set(from, (set = new Set()));
    set.add(to);
  }
  const dependsOn = new Map<ObjectId, readonly ObjectId[]>();
  // the default sort compares UTF-16 code units, as `<` does, without a comparator call per step
  for (const k of [...deps.keys()].sort()) dependsOn.set(k, Object.freeze([...deps.get(k)!].sort()));
  return dependsOn;
}
