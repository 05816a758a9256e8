/** Builds the frozen Catalog from the rows of the catalog queries. */
import type {
  Catalog,
  Collation,
  CompositeType,
  DefaultPrivilege,
  Domain,
  EnumType,
  Extension,
  ObjectId,
  Routine,
  Schema,
  Unsupported,
} from '../catalog/model.js';
import { id, objectId } from '../catalog/identity.js';
import { buildAcl, PUBLIC_EXECUTE, PUBLIC_USAGE } from './build-acl.js';
import { buildRelations } from './build-relations.js';
import { b, n, s, sn, type Row } from './rows.js';

function byId<T extends { kind: string }>(items: readonly T[]): ReadonlyMap<ObjectId, T> {
  const m = new Map<ObjectId, T>();
  for (const it of items) m.set(objectId(it as never), Object.freeze(it));
  return m;
}

const ROUTINE_KINDS: Record<string, Routine['routineKind']> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };

export function buildCatalog(q: Record<string, Row[]>, serverVersion: number): Catalog {
  const rel = buildRelations(q);

  const schemas: Schema[] = q.schemas!.map((r) => ({
    kind: 'schema',
    name: s(r.name),
    comment: sn(r.comment),
    acl: Object.freeze(buildAcl(r.acl, r.owner_oid)),
  }));
  const schemaByOid = new Map(q.schemas!.map((r) => [n(r.oid), s(r.name)]));

  const extensions: Extension[] = q.extensions!.map((r) => ({ kind: 'extension', name: s(r.name), schema: s(r.schema), version: s(r.version) }));

  const collations: Collation[] = q.collations!.map((r) => ({
    kind: 'collation',
    schema: s(r.schema),
    name: s(r.name),
    provider: ({ c: 'libc', i: 'icu', b: 'builtin', d: 'default' } as Record<string, string>)[s(r.provider)] ?? s(r.provider),
    locale: sn(r.locale),
    lcCollate: sn(r.lc_collate),
    lcCtype: sn(r.lc_ctype),
    deterministic: b(r.deterministic),
    comment: sn(r.comment),
  }));

  const enums: EnumType[] = [];
  const domains: Domain[] = [];
  const composites: CompositeType[] = [];
  const typeByOid = new Map<number, ObjectId>();
  for (const r of q.types!) {
    const base = { schema: s(r.schema), name: s(r.name), comment: sn(r.comment), acl: Object.freeze(buildAcl(r.acl, r.owner_oid, PUBLIC_USAGE)) };
    const t = s(r.typtype);
    if (t === 'e') {
      enums.push({ kind: 'enum', ...base, values: Object.freeze((r.enum_values as string[] | null) ?? []) });
      typeByOid.set(n(r.oid), id.type('enum', base.schema, base.name));
    } else if (t === 'd') {
      domains.push({
        kind: 'domain',
        ...base,
        baseType: s(r.base_type),
        notNull: b(r.not_null),
        default: sn(r.default_expr),
        collation: sn(r.collation),
        constraints: Object.freeze(((r.domain_constraints as [string, string][] | null) ?? []).map(([name, definition]) => Object.freeze({ name, definition }))),
      });
      typeByOid.set(n(r.oid), id.type('domain', base.schema, base.name));
    } else if (t === 'c') {
      const cols = rel.compositeColumns.get(n(r.relid)) ?? [];
      composites.push({
        kind: 'composite',
        ...base,
        attributes: Object.freeze(cols.map((c) => Object.freeze({ name: s(c.name), type: s(c.type), collation: sn(c.collation) }))),
      });
      typeByOid.set(n(r.oid), id.type('composite', base.schema, base.name));
      rel.relByOid.set(n(r.relid), { schema: base.schema, name: base.name, relkind: 'c' });
    }
  }

  const routines: Routine[] = q
    .functions!.filter((r) => s(r.prokind) !== 'a')
    .map((r) => ({
      kind: 'function',
      schema: s(r.schema),
      name: s(r.name),
      identityArgs: s(r.identity_args),
      routineKind: ROUTINE_KINDS[s(r.prokind)] ?? 'function',
      definition: s(r.definition),
      result: sn(r.result),
      comment: sn(r.comment),
      acl: Object.freeze(buildAcl(r.acl, r.owner_oid, PUBLIC_EXECUTE)),
    }));
  const procByOid = new Map<number, ObjectId>();
  for (const r of q.functions!) procByOid.set(n(r.oid), id.function(s(r.schema), s(r.name), s(r.identity_args)));

  const defaultAcls: DefaultPrivilege[] = q.default_acls!.map((r) => ({
    kind: 'defaultacl',
    role: s(r.role),
    schema: sn(r.schema),
    objectType: s(r.object_type) as DefaultPrivilege['objectType'],
    acl: Object.freeze(buildAcl(r.acl, -1)),
  }));

  const unsupported: Unsupported[] = q.unsupported!.map((r) => ({
    kind: 'unsupported',
    objectType: s(r.object_type),
    schema: sn(r.schema),
    name: s(r.name),
  }));

  // ---- dependencies
  const triggerByOid = new Map(q.triggers!.map((r) => [n(r.oid), id.trigger(s(r.schema), s(r.table_name), s(r.name))]));
  const policyByOid = new Map(q.policies!.map((r) => [n(r.oid), id.policy(s(r.schema), s(r.table_name), s(r.name))]));
  // keyed by a number (relid * 2048 + attnum; attnum <= 1600): no key string per column
  const colName = new Map<number, string>();
  for (const c of q.columns!) colName.set(n(c.relid) * 2048 + n(c.position), s(c.name));

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
  // computed once) serves every Map lookup and sort comparison after that.
  const memo = new Map<string, Map<number, ObjectId | null>>();
  const resolveOnce = (cls: string, oid: number, sub: number): ObjectId | undefined => {
    let m = memo.get(cls);
    if (!m) memo.set(cls, (m = new Map()));
    const k = oid * 2048 + sub;
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = resolve(cls, oid, sub) ?? null));
    return v ?? undefined;
  };
  const deps = new Map<ObjectId, Set<ObjectId>>();
  for (const d of q.depends!) {
    const from = resolveOnce(s(d.class), n(d.objid), n(d.objsubid));
    const to = resolveOnce(s(d.refclass), n(d.refobjid), n(d.refobjsubid));
    if (!from || !to || from === to) continue;
    let set = deps.get(from);
    if (!set) deps.set(from, (set = new Set()));
    set.add(to);
  }
  const dependsOn = new Map<ObjectId, readonly ObjectId[]>();
  // the default sort compares UTF-16 code units, as `<` does, without a comparator call per step
  for (const k of [...deps.keys()].sort()) dependsOn.set(k, Object.freeze([...deps.get(k)!].sort()));

  return Object.freeze({
    serverVersion,
    schemas: new Map(schemas.map((x) => [x.name, Object.freeze(x)])),
    extensions: new Map(extensions.map((x) => [x.name, Object.freeze(x)])),
    collations: byId(collations),
    enums: byId(enums),
    domains: byId(domains),
    composites: byId(composites),
    sequences: byId(rel.sequences),
    tables: byId(rel.tables),
    indexes: byId(rel.indexes),
    views: byId(rel.views),
    matviews: byId(rel.matviews),
    functions: byId(routines),
    triggers: byId(rel.triggers),
    policies: byId(rel.policies),
    defaultAcls: byId(defaultAcls),
    unsupported: Object.freeze(unsupported.map((u) => Object.freeze(u))),
    dependsOn,
  });
}
