/**
 * Declared renames: `renamed_from` in table YAML, `-- fas:renamed-from` and
 * `-- fas:renamed-value` directives in .sql files. They travel beside the
 * desired Catalog from the loader to the planner's expand stage, which turns
 * what would be a drop and a create into ALTER ... RENAME.
 */
import type { SourceLocation } from '../util/errors.js';

export type RenameKind =
  | 'table'
  | 'view'
  | 'matview'
  | 'sequence'
  | 'index'
  | 'enum'
  | 'domain'
  | 'composite'
  | 'function'
  | 'column'
  | 'constraint'
  | 'enum-value';

export interface Rename {
  readonly kind: RenameKind;
  readonly schema: string;
  /** column, constraint: the table; enum-value: the type. Named as on the `to` side. */
  readonly parent?: string;
  readonly from: string;
  readonly to: string;
  /** Where it was declared; absent for renames fas infers from a declared one (an identity sequence that follows its table). */
  readonly loc?: SourceLocation;
}

/** Relation kinds whose renames carry columns and constraints along. */
const PARENT_KINDS: Record<'column' | 'constraint' | 'enum-value', readonly RenameKind[]> = {
  column: ['table', 'view', 'matview'],
  constraint: ['table'],
  'enum-value': ['enum'],
};

export function hasParent(r: Rename): r is Rename & { parent: string } {
  return r.kind === 'column' || r.kind === 'constraint' || r.kind === 'enum-value';
}

/** Readable: "column outcomes.actuals.reported_at -> published_at". */
export function describeRename(r: Rename): string {
  if (r.kind === 'enum-value') return `value '${r.from}' of type ${r.schema}.${r.parent} -> '${r.to}'`;
  if (hasParent(r)) return `${r.kind} ${r.schema}.${r.parent}.${r.from} -> ${r.to}`;
  return `${r.kind === 'matview' ? 'materialized view' : r.kind} ${r.schema}.${r.from} -> ${r.schema}.${r.to}`;
}

/**
 * The renames that undo `renames` (for the downgrade): from and to swap, and a
 * column's table is named as it is on the other side.
 */
export function reverseRenames(renames: readonly Rename[]): Rename[] {
  return renames.map((r) => {
    let parent = r.parent;
    if (hasParent(r)) {
      const p = renames.find((x) => PARENT_KINDS[r.kind as keyof typeof PARENT_KINDS].includes(x.kind) && x.schema === r.schema && x.to === r.parent);
      if (p) parent = p.from;
    }
    return { ...r, parent, from: r.to, to: r.from };
  });
}

export function renameKey(r: Rename, side: 'from' | 'to'): string {
  const family = ['table', 'view', 'matview', 'sequence', 'index', 'composite'].includes(r.kind) ? 'rel' : r.kind === 'enum' || r.kind === 'domain' ? 'type' : r.kind;
  return `${family}:${r.schema}.${r.parent ?? ''}.${side === 'from' ? r.from : r.to}`;
}
