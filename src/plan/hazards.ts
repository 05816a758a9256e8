/**
 * Hazards: typed warnings a statement carries. Apply refuses a statement
 * whose hazard types are not allowed by name (--allow-hazards).
 */
export type HazardType =
  | 'DELETES_DATA' // drops a table, column, schema, sequence or materialized view
  | 'NARROWS_TYPE' // a type change that may fail or lose precision
  | 'REWRITES_TABLE' // rewrites the whole table under an ACCESS EXCLUSIVE lock
  | 'ENUM_VALUE_REMOVED' // a value removed from an enum (type swap)
  | 'VALIDATES_CONSTRAINT' // scans the table under lock to validate a constraint
  | 'INDEX_BUILD' // builds an index, blocking writes unless concurrently
  | 'IS_NOT_TRANSACTIONAL' // cannot run inside a transaction
  | 'EXTENSION_VERSION' // changes an extension version
  | 'AUTHZ_UPDATE'; // changes privileges or row level security

export const HAZARD_TYPES: readonly HazardType[] = [
  'DELETES_DATA',
  'NARROWS_TYPE',
  'REWRITES_TABLE',
  'ENUM_VALUE_REMOVED',
  'VALIDATES_CONSTRAINT',
  'INDEX_BUILD',
  'IS_NOT_TRANSACTIONAL',
  'EXTENSION_VERSION',
  'AUTHZ_UPDATE',
];

/** Hazards that apply refuses unless allowed by name, whatever the size of the table. */
export const BLOCKING_HAZARDS: ReadonlySet<HazardType> = new Set(['DELETES_DATA', 'NARROWS_TYPE', 'ENUM_VALUE_REMOVED']);

/**
 * Hazards whose cost grows with the table they scan or rewrite: they carry its
 * size, and apply refuses them (unless allowed by name) only on a table larger
 * than the limit of their type (src/apply/size-gate.ts). The rest are informational.
 */
export type SizedHazardType = 'REWRITES_TABLE' | 'INDEX_BUILD' | 'VALIDATES_CONSTRAINT';
export const SIZED_HAZARDS: readonly SizedHazardType[] = ['REWRITES_TABLE', 'INDEX_BUILD', 'VALIDATES_CONSTRAINT'];

export function isSizedHazard(t: HazardType): t is SizedHazardType {
  return (SIZED_HAZARDS as readonly string[]).includes(t);
}

/** The table a sized hazard touches, as the database the plan was made against had it. */
export interface HazardSize {
  /** "schema.name" */
  readonly table: string;
  /** Estimated rows (reltuples); null when never analyzed. */
  readonly rows: number | null;
  /** pg_table_size, summed over partitions. */
  readonly bytes: number;
}

export interface Hazard {
  readonly type: HazardType;
  readonly message: string;
  /**
   * What the hazard is about, qualified: "s.t" (a whole table) or "s.t.c" (one column).
   * For DELETES_DATA this names every table and column whose values go away.
   */
  readonly objects?: readonly string[];
  /** REWRITES_TABLE, INDEX_BUILD, VALIDATES_CONSTRAINT: the size of the table it touches (src/plan/hazard-sizes.ts). */
  readonly size?: HazardSize;
}

export const hazard = {
  dropsTable: (name: string, why = ''): Hazard => ({ type: 'DELETES_DATA', message: `drops table ${name} and all its rows${why}`, objects: [name] }),
  dropsColumn: (name: string, why = ''): Hazard => ({ type: 'DELETES_DATA', message: `drops column ${name} and its data${why}`, objects: [name] }),
  dropsSchema: (name: string): Hazard => ({ type: 'DELETES_DATA', message: `drops schema ${name}` }),
  dropsSequence: (name: string): Hazard => ({ type: 'DELETES_DATA', message: `drops sequence ${name} and its current value` }),
  dropsMatview: (name: string): Hazard => ({
    type: 'DELETES_DATA',
    message: `drops materialized view ${name} and its stored rows (derived: a materialized view created again WITH DATA computes them from its query)`,
    objects: [name],
  }),
  dropsType: (name: string): Hazard => ({ type: 'DELETES_DATA', message: `drops type ${name}` }),
  narrowsType: (name: string, from: string, to: string): Hazard => ({
    type: 'NARROWS_TYPE',
    message: `changes ${name} from ${from} to ${to}; values that do not fit make it fail or lose precision`,
  }),
  rewritesTable: (name: string, why: string): Hazard => ({ type: 'REWRITES_TABLE', message: `rewrites ${name} under an ACCESS EXCLUSIVE lock (${why})` }),
  enumValueRemoved: (name: string, values: readonly string[]): Hazard => ({
    type: 'ENUM_VALUE_REMOVED',
    message: `removes value(s) ${values.join(', ')} from ${name}; rows holding them make the swap fail`,
  }),
  validatesConstraint: (name: string): Hazard => ({ type: 'VALIDATES_CONSTRAINT', message: `validates ${name} by scanning the table` }),
  indexBuild: (name: string): Hazard => ({ type: 'INDEX_BUILD', message: `builds index ${name}, blocking writes to its table while it builds` }),
  indexBuildOnline: (name: string): Hazard => ({ type: 'INDEX_BUILD', message: `builds index ${name} concurrently: writes go on, the build scans the table` }),
  validatesOnline: (name: string): Hazard => ({ type: 'VALIDATES_CONSTRAINT', message: `validates ${name} by scanning the table; writes go on` }),
  notTransactional: (what: string): Hazard => ({ type: 'IS_NOT_TRANSACTIONAL', message: `${what} cannot run in a transaction` }),
  extensionVersion: (name: string, from: string, to: string): Hazard => ({
    type: 'EXTENSION_VERSION',
    message: `changes extension ${name} from ${from} to ${to}`,
  }),
  authz: (what: string): Hazard => ({ type: 'AUTHZ_UPDATE', message: what }),
};

/**
 * Statements on a relation created by the same plan: it is empty and nobody
 * uses it yet, so building its indexes and validating its constraints is no hazard.
 */
export function withoutScanHazards<T extends { readonly hazards: readonly Hazard[] }>(statements: readonly T[]): T[] {
  return statements.map((s) => (s.hazards.some(isScan) ? { ...s, hazards: s.hazards.filter((h) => !isScan(h)) } : s));
}

function isScan(h: Hazard): boolean {
  return h.type === 'INDEX_BUILD' || h.type === 'VALIDATES_CONSTRAINT';
}
