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
import { attachAcls, buildAcl, PUBLIC_EXECUTE, PUBLIC_USAGE } from './build-acl.js';
import { buildRelations, type RelationParts } from './build-relations.js';
import { buildDependencies } from './build-depends.js';
import { b, n, s, sn, type Row } from './rows.js';

function byId<T extends { kind: string }>(items: readonly T[]): ReadonlyMap<ObjectId, T> {
  const m = new Map<ObjectId, T>();
  for (const it of items) m.set(objectId(it as never), Object.freeze(it));
  return m;
}

const ROUTINE_KINDS: Record<string, Routine['routineKind']> = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' };

/** Enums, domains and composite types; a composite's relation is added to rel.relByOid for dependencies. */
function buildTypes(q: Record<string, Row[]>, rel: RelationParts): { enums: EnumType[]; domains: Domain[]; composites: CompositeType[]; typeByOid: Map<number, ObjectId> } {
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
  return { enums, domains, composites, typeByOid };
}

export function buildCatalog(q: Record<string, Row[]>, serverVersion: number): Catalog {
  attachAcls(q);
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

  const { enums, domains, composites, typeByOid } = buildTypes(q, rel);

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

  const unsupported: Unsupported[] = q.unsupported!.map((r) => ({ kind: 'unsupported', objectType: s(r.object_type), schema: sn(r.schema), name: s(r.name) }));

  const dependsOn = buildDependencies(q, rel, { typeByOid, procByOid, schemaByOid });

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
