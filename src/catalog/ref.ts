/**
 * References: what an object, a name, or a fact about an object is called.
 * One type for the loader, the differ, the planner and the ordering graph, and
 * ONE function, `refKey`, that turns a reference into its key (an ObjectId:
 * "table:s.t", "column:s.t.c", "dropped:constraint:s.t.k"). Keys are map keys
 * and graph nodes, never SQL (printing uses src/sql/quote.ts). No code outside
 * this module builds a key by hand or takes one apart: code that needs the parts
 * of a key it did not build asks the catalog that holds it (`refIn` in
 * catalog/ref-index.ts).
 */
import type { ObjectId } from './model.js';

/** Objects named by their name alone. */
export type NameKind = 'schema' | 'extension';
/** Relations (pg_class) and types: a name in a schema. */
export type RelationKind = 'table' | 'view' | 'matview' | 'sequence' | 'index' | 'composite';
export type TypeKind = 'enum' | 'domain' | 'composite' | 'collation';
/** Objects that live on a table (or view): their table's name and their own. */
export type SubKind = 'column' | 'constraint' | 'trigger' | 'policy';

/** A catalog object, or a column of a relation. */
export type ObjectRef =
  | { readonly kind: NameKind; readonly name: string }
  | { readonly kind: RelationKind | TypeKind; readonly schema: string; readonly name: string }
  | { readonly kind: SubKind; readonly schema: string; readonly table: string; readonly name: string }
  | { readonly kind: 'function'; readonly schema: string; readonly name: string; readonly args: string }
  | { readonly kind: 'defaultacl'; readonly role: string; readonly schema: string | null; readonly objectType: string }
  | { readonly kind: 'unsupported'; readonly objectType: string; readonly schema: string | null; readonly name: string };

/**
 * A name in a schema, whatever object takes it. The loader knows names before
 * anything ran: `relname` (the relation namespace), `typename`, `funcname` (any
 * overload). The planner's `claim`: the relation/type name a drop frees and a create takes.
 */
export type NameRef =
  | { readonly kind: 'relname' | 'typename' | 'funcname' | 'claim'; readonly schema: string; readonly name: string }
  /** A routine's identity for PostgreSQL (input argument types, without parameter names): two routines cannot share it. */
  | { readonly kind: 'signature'; readonly schema: string; readonly name: string; readonly args: string };

/**
 * A fact about something in the ordering graph, provided by the statement that
 * makes it true and needed by those that must wait for it.
 */
export type MarkKind =
  | 'dropped' // the object no longer exists in its old form
  | 'retyped' // a column's type change ran
  | 'default-dropped' // a column's old default is gone
  | 'partition' // a table is detached from its parent
  | 'child-released' // a parent's column no longer holds a child's inherited column
  | 'swap' // an index's replacement is built
  | 'range' // a sequence's value is inside its new range
  | 'notnull' // a column is NOT NULL
  | 'nncheck' // the check constraint that makes a column NOT NULL online
  | 'validated' // a constraint is validated
  | 'keyindex' // a key constraint's index is built
  | 'revoked' // default privileges are revoked
  | 'acl-revoked' // a relation's table-wide grants are revoked (column grants come after)
  | 'empty-guard' // a table was checked empty
  | 'converted'; // a column was converted to the enum type that replaces its old one
export type Mark = { readonly kind: MarkKind; readonly of: Ref };

export type Ref = ObjectRef | NameRef | Mark;

function isMark(r: Ref): r is Mark {
  return 'of' in r;
}

/** The key of a reference: the one place key strings are made. */
export function refKey(r: Ref): ObjectId {
  if (isMark(r)) return `${r.kind}:${refKey(r.of)}`;
  switch (r.kind) {
    case 'schema':
    case 'extension':
      return `${r.kind}:${r.name}`;
    case 'column':
    case 'constraint':
    case 'trigger':
    case 'policy':
      return `${r.kind}:${r.schema}.${r.table}.${r.name}`;
    case 'function':
    case 'signature':
      return `${r.kind}:${r.schema}.${r.name}(${r.args})`;
    case 'defaultacl':
      return `defaultacl:${r.role}.${r.schema ?? ''}.${r.objectType}`;
    case 'unsupported':
      return `unsupported:${r.objectType}:${r.schema ?? ''}.${r.name}`;
    case 'relname':
      return `rel:${r.schema}.${r.name}`;
    case 'typename':
      return `type:${r.schema}.${r.name}`;
    case 'claim':
      return `name:${r.schema}.${r.name}`;
    default:
      return `${r.kind}:${r.schema}.${r.name}`; // relations, types, funcname
  }
}

/** Constructors: `ref.column(s, t, c)` is the reference, `id.column(s, t, c)` its key. */
export const ref = {
  schema: (name: string): ObjectRef => ({ kind: 'schema', name }),
  extension: (name: string): ObjectRef => ({ kind: 'extension', name }),
  relation: (kind: RelationKind, schema: string, name: string): ObjectRef => ({ kind, schema, name }),
  type: (kind: TypeKind, schema: string, name: string): ObjectRef => ({ kind, schema, name }),
  column: (schema: string, table: string, name: string): ObjectRef => ({ kind: 'column', schema, table, name }),
  constraint: (schema: string, table: string, name: string): ObjectRef => ({ kind: 'constraint', schema, table, name }),
  trigger: (schema: string, table: string, name: string): ObjectRef => ({ kind: 'trigger', schema, table, name }),
  policy: (schema: string, table: string, name: string): ObjectRef => ({ kind: 'policy', schema, table, name }),
  function: (schema: string, name: string, args: string): ObjectRef => ({ kind: 'function', schema, name, args }),
  defaultAcl: (role: string, schema: string | null, objectType: string): ObjectRef => ({ kind: 'defaultacl', role, schema, objectType }),
  unsupported: (objectType: string, schema: string | null, name: string): ObjectRef => ({ kind: 'unsupported', objectType, schema, name }),
  name: (kind: 'relname' | 'typename' | 'funcname' | 'claim', schema: string, name: string): NameRef => ({ kind, schema, name }),
  signature: (schema: string, name: string, args: string): NameRef => ({ kind: 'signature', schema, name, args }),
  mark: (kind: MarkKind, of: Ref): Mark => ({ kind, of }),
} as const;

type Keyed<T> = { readonly [K in keyof T]: T[K] extends (...a: infer A) => Ref ? (...a: A) => ObjectId : never };

/** The keys of the constructors above: `id.x(...)` is `refKey(ref.x(...))`. */
export const id: Keyed<typeof ref> = Object.fromEntries(
  Object.entries(ref).map(([k, f]) => [k, (...a: unknown[]) => refKey((f as (...x: unknown[]) => Ref)(...a))]),
) as unknown as Keyed<typeof ref>;

/** The schema a reference lives in (undefined for schemas, extensions, marks and schema-less objects). */
export function refSchema(r: Ref): string | undefined {
  return isMark(r) || !('schema' in r) ? undefined : (r.schema ?? undefined);
}

/** The relation a sub-object (column, constraint, trigger, policy) lives on, by name (relation namespace). */
export function onRelation(r: Ref): { schema: string; name: string } | undefined {
  return !isMark(r) && (r.kind === 'column' || r.kind === 'constraint' || r.kind === 'trigger' || r.kind === 'policy') ? { schema: r.schema, name: r.table } : undefined;
}
