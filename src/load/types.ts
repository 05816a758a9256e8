/** The loader's records: statements with their origin, and what they define and use. */
import type { Rename } from '../diff/renames.js';
import type { Ref } from '../catalog/ref.js';

/** A piece of a generated statement that came from one place in a source file. */
export interface SourceSpan {
  /** Character range [start, end) inside `sql`. */
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

export interface SourceStatement {
  readonly sql: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /**
   * For statements generated from YAML: which parts of `sql` came from which
   * YAML value, so that a server error position maps back into the YAML file.
   * Absent for SQL-file statements, whose text is a verbatim slice of the file
   * starting at line:column.
   */
  readonly spans?: readonly SourceSpan[];
  /**
   * CREATE MATERIALIZED VIEW: `sql` creates it WITH NO DATA (its query must not
   * run while loading); this is what the file declared.
   */
  readonly matview?: { readonly schema: string; readonly name: string; readonly withData: boolean };
  /**
   * On a server where a role without superuser loads the files (src/load/load-scratch.ts):
   * 'extension' runs as the server's superuser in its place in the order;
   * 'after' runs as the superuser once the loader is done (ownership, default
   * privileges, comments on extensions); 'fallback' runs as the loader and,
   * when only the object's owner could run it (an extension's objects), after;
   * 'connects' (CREATE EXTENSION dblink) is refused there.
   */
  readonly privileged?: Privileged;
}

export type Privileged = 'extension' | 'connects' | 'after' | 'fallback';

export interface LoadedSource {
  readonly statements: readonly SourceStatement[];
  readonly files: readonly string[];
  /** Declared renames (renamed_from, -- fas:renamed-from, -- fas:renamed-value): they travel beside the desired catalog to the planner. */
  readonly renames: readonly Rename[];
}

export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Something a statement creates: a name in a namespace (relname, typename, funcname) or an object (function, trigger, ...). */
export interface Def {
  readonly ref: Ref;
  /** Unique definitions collide: two of them are DUPLICATE_OBJECT. */
  readonly unique: boolean;
  readonly display: string;
}

/** Something a statement uses. */
export interface Use {
  /** Any of these satisfies the reference (e.g. a type name may be a table's row type). */
  readonly targets: readonly Ref[];
  readonly display: string;
  readonly loc: Loc;
  /** Strict references must resolve to a declaration (schema-qualified, non built-in). */
  readonly strict: boolean;
}

/** Ordering classes, lowest first among statements that are ready. */
export const PRIORITY = {
  schema: 0,
  extension: 1,
  type: 2,
  sequence: 3,
  table: 4,
  function: 5,
  view: 6,
  alter: 7,
  index: 8,
  foreignKey: 9,
  trigger: 10,
  policy: 10,
  comment: 11,
  grant: 12,
  other: 13,
} as const;

export interface Unit {
  readonly stmt: SourceStatement;
  readonly priority: number;
  readonly defs: readonly Def[];
  readonly refs: readonly Use[];
  /** Relations this statement alters (ALTER TABLE): views and functions using them wait for it. */
  readonly modifies: readonly Ref[];
  /** True for statements that consume relations as a whole (views, functions, triggers). */
  readonly consumer: boolean;
  /** Schemas this statement creates objects in (checked against the directory it lives in). */
  readonly ownSchemas: readonly string[];
  /** Renames declared by directive comments right above the statement. */
  readonly renames?: readonly Rename[];
}

export const BUILTIN_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'information_schema', 'pg_toast']);
