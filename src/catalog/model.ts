/**
 * The catalog model: one frozen description of a database's schema objects.
 * Both the loader (schema/ -> scratch database -> introspect) and the live
 * introspector produce this same model; nothing else builds one.
 *
 * Definitions that PostgreSQL normalizes (defaults, index, constraint, view,
 * trigger, policy and function definitions) are kept exactly as the server
 * prints them under `search_path = ''`, so every name inside is qualified and
 * two catalogs compare like with like.
 */

/** An ACL entry: grantee ('PUBLIC' for the public pseudo-role). */
export interface Grant {
  readonly grantee: string;
  readonly privilege: string; // SELECT, INSERT, USAGE, EXECUTE, ...
  readonly grantable: boolean;
}

/** A privilege set, or null when the object still has its built-in default ACL. */
export type Acl = readonly Grant[] | null;

/**
 * What every object that lives in a schema has: its kind, the schema, its name
 * there (with a routine's arguments, or a trigger's or policy's table, what
 * identifies it; see catalog/ref.ts) and its comment.
 */
export interface SchemaObject<K extends string> {
  readonly kind: K;
  readonly schema: string;
  readonly name: string;
  readonly comment: string | null;
}

export interface Schema {
  readonly kind: 'schema';
  readonly name: string;
  readonly comment: string | null;
  readonly acl: Acl;
}

export interface Extension {
  readonly kind: 'extension';
  readonly name: string;
  readonly schema: string;
  readonly version: string;
}

export interface Collation extends SchemaObject<'collation'> {
  /** e.g. provider = icu, locale = 'und-u-ks-level2', deterministic = false */
  readonly provider: string;
  readonly locale: string | null;
  readonly lcCollate: string | null;
  readonly lcCtype: string | null;
  readonly deterministic: boolean;
}

export interface EnumType extends SchemaObject<'enum'> {
  readonly values: readonly string[];
  readonly acl: Acl;
}

export interface DomainConstraint {
  readonly name: string;
  readonly definition: string; // CHECK (...) [NOT VALID]
}

export interface Domain extends SchemaObject<'domain'> {
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly collation: string | null;
  readonly constraints: readonly DomainConstraint[];
  readonly acl: Acl;
}

export interface CompositeAttribute {
  readonly name: string;
  readonly type: string;
  readonly collation: string | null;
}

export interface CompositeType extends SchemaObject<'composite'> {
  readonly attributes: readonly CompositeAttribute[];
  readonly acl: Acl;
}

/** The parameters of a sequence, standalone or behind an identity column. */
export interface SequenceOptions {
  readonly dataType: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
}

export interface Sequence extends SchemaObject<'sequence'>, SequenceOptions {
  /** OWNED BY table column, when the sequence belongs to a serial column. */
  readonly ownedBy: { readonly schema: string; readonly table: string; readonly column: string } | null;
  readonly acl: Acl;
}

export interface IdentityOptions extends SequenceOptions {
  readonly generation: 'ALWAYS' | 'BY DEFAULT';
  readonly sequenceName: string;
}

export interface Column {
  readonly name: string;
  readonly position: number;
  readonly type: string; // format_type(), qualified
  readonly notNull: boolean;
  readonly default: string | null; // pg_get_expr(), qualified
  /** The default calls a VOLATILE function (gen_random_uuid(), clock_timestamp(), nextval()): adding the column rewrites the table. */
  readonly defaultVolatile?: boolean;
  readonly identity: IdentityOptions | null;
  /** Expression of a STORED generated column. */
  readonly generated: string | null;
  readonly collation: string | null; // qualified, only when not the type's default
  readonly comment: string | null;
  /** Column-level grants (not those implied by the table ACL). */
  readonly acl: Acl;
  /** Inherited from a parent (inheritance or partitioning) and not locally defined. */
  readonly inherited: boolean;
}

export type ConstraintType = 'p' | 'f' | 'u' | 'c' | 'x';

export interface Constraint {
  readonly name: string;
  readonly type: ConstraintType;
  /** pg_get_constraintdef(), e.g. "FOREIGN KEY (a) REFERENCES s.t(b) ON DELETE CASCADE" */
  readonly definition: string;
  readonly comment: string | null;
  /** Inherited from a parent table (not locally defined): created by the parent. */
  readonly inherited: boolean;
}

export interface Partitioning {
  /** pg_get_partkeydef(), e.g. "RANGE (created_at)" */
  readonly key: string;
}

export interface PartitionOf {
  readonly schema: string;
  readonly table: string;
  /** pg_get_expr(relpartbound), e.g. "FOR VALUES FROM (...) TO (...)" or "DEFAULT" */
  readonly bound: string;
}

export interface Table extends SchemaObject<'table'> {
  readonly unlogged: boolean;
  readonly columns: readonly Column[];
  readonly constraints: readonly Constraint[];
  readonly partitioning: Partitioning | null;
  readonly partitionOf: PartitionOf | null;
  /** Inheritance parents (not partitioning), in order. */
  readonly inherits: readonly { readonly schema: string; readonly table: string }[];
  /** Storage parameters, e.g. ["fillfactor=70"]. Sorted. */
  readonly options: readonly string[];
  readonly rowSecurity: boolean;
  readonly forceRowSecurity: boolean;
  readonly acl: Acl;
}

export interface Index extends SchemaObject<'index'> {
  readonly table: string; // table or materialized view in the same schema
  /** pg_get_indexdef(), e.g. "CREATE UNIQUE INDEX x ON s.t USING btree (a) WHERE (b > 0)" */
  readonly definition: string;
  readonly unique: boolean;
  /** An index of a partition that is attached to a partitioned parent index. */
  readonly parentIndex: string | null;
}

export interface ViewColumn {
  readonly name: string;
  readonly type: string;
  readonly comment: string | null;
  readonly acl: Acl;
}

/** A view or a materialized view: a stored query and the columns it yields. */
interface QueryRelation<K extends 'view' | 'matview'> extends SchemaObject<K> {
  readonly definition: string; // pg_get_viewdef()
  readonly columns: readonly ViewColumn[];
  /** reloptions (a view's security_invoker, security_barrier, check_option; a materialized view's storage parameters). Sorted. */
  readonly options: readonly string[];
  readonly acl: Acl;
}

export type View = QueryRelation<'view'>;

export interface MaterializedView extends QueryRelation<'matview'> {
  readonly withData: boolean;
}

export interface Routine extends SchemaObject<'function'> {
  /** pg_get_function_identity_arguments(): the identity with the name. */
  readonly identityArgs: string;
  readonly routineKind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** pg_get_functiondef(): a complete CREATE OR REPLACE statement. */
  readonly definition: string;
  /** pg_get_function_result(): a change here needs drop and create. */
  readonly result: string | null;
  readonly acl: Acl;
}

export interface Trigger extends SchemaObject<'trigger'> {
  readonly table: string;
  /** pg_get_triggerdef() */
  readonly definition: string;
  /** O (origin, enabled), D (disabled), R (replica), A (always) */
  readonly enabled: 'O' | 'D' | 'R' | 'A';
}

export interface Policy extends SchemaObject<'policy'> {
  readonly table: string;
  readonly permissive: boolean;
  readonly command: 'ALL' | 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';
  readonly roles: readonly string[]; // sorted, 'PUBLIC' for public
  readonly using: string | null;
  readonly withCheck: string | null;
}

export interface DefaultPrivilege {
  readonly kind: 'defaultacl';
  readonly role: string;
  readonly schema: string | null;
  /** r (tables), S (sequences), f (functions), T (types), n (schemas) */
  readonly objectType: 'r' | 'S' | 'f' | 'T' | 'n';
  readonly acl: readonly Grant[];
}

/** An object fas found but cannot manage. It is reported, never ignored. */
export interface Unsupported {
  readonly kind: 'unsupported';
  readonly objectType: string; // e.g. "rule", "foreign table", "operator"
  readonly schema: string | null;
  readonly name: string;
}

export type CatalogObject =
  | Schema
  | Extension
  | Collation
  | EnumType
  | Domain
  | CompositeType
  | Sequence
  | Table
  | Index
  | View
  | MaterializedView
  | Routine
  | Trigger
  | Policy
  | DefaultPrivilege
  | Unsupported;

export type ObjectKind = CatalogObject['kind'];

/** Object identity strings, e.g. "table:s.t", "column:s.t.c", "function:s.f(integer)". */
export type ObjectId = string;

export interface Catalog {
  readonly serverVersion: number; // server_version_num
  readonly schemas: ReadonlyMap<string, Schema>;
  readonly extensions: ReadonlyMap<string, Extension>;
  readonly collations: ReadonlyMap<ObjectId, Collation>;
  readonly enums: ReadonlyMap<ObjectId, EnumType>;
  readonly domains: ReadonlyMap<ObjectId, Domain>;
  readonly composites: ReadonlyMap<ObjectId, CompositeType>;
  readonly sequences: ReadonlyMap<ObjectId, Sequence>;
  readonly tables: ReadonlyMap<ObjectId, Table>;
  readonly indexes: ReadonlyMap<ObjectId, Index>;
  readonly views: ReadonlyMap<ObjectId, View>;
  readonly matviews: ReadonlyMap<ObjectId, MaterializedView>;
  readonly functions: ReadonlyMap<ObjectId, Routine>;
  readonly triggers: ReadonlyMap<ObjectId, Trigger>;
  readonly policies: ReadonlyMap<ObjectId, Policy>;
  readonly defaultAcls: ReadonlyMap<ObjectId, DefaultPrivilege>;
  readonly unsupported: readonly Unsupported[];
  /**
   * Dependencies between objects, from pg_depend: dependent id -> ids it depends on.
   * Column-level where PostgreSQL records them (a view on column s.t.c).
   */
  readonly dependsOn: ReadonlyMap<ObjectId, readonly ObjectId[]>;
}
