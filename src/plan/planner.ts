/**
 * The planner: catalogs -> ordered statements, in named stages:
 * expand renames (src/diff/expand-renames.ts) -> diff (src/diff/diff.ts) ->
 * expand the dependency closure (expand.ts) -> emit statements (emit.ts, one
 * planner per kind in planners.ts) -> order (order.ts).
 */
import type { Catalog, ObjectId } from '../catalog/model.js';
import { objectId } from '../catalog/identity.js';
import { lookupObject } from '../catalog/ref-index.js';
import type { Change } from '../diff/change.js';
import { diffCatalogs } from '../diff/diff.js';
import { ALL, inScope, type Scope } from '../diff/scope.js';
import { expandRenames } from '../diff/expand-renames.js';
import type { Rename } from '../diff/renames.js';
import { planNotes, renameStatements, withRenameHints, type PlanNote } from './rename-notes.js';
import type { PlanContext } from './context.js';
import { orderStatements } from './order.js';
import type { Statement } from './statement.js';
import type { OnlinePolicy } from './online.js';
import { columnsToReorder } from './kinds/column-order.js';
import { needsRemake } from './kinds/table-columns.js';
import { expand } from './expand.js';
import { emit } from './emit.js';

export interface PlanOptions {
  /** When existing tables get the online patterns (src/plan/online.ts); absent: always. */
  readonly online?: OnlinePolicy;
}

export interface PlanResult {
  readonly changes: readonly Change[];
  readonly statements: readonly Statement[];
  /** The declared renames that took effect, in order: the downgrade undoes exactly these (reverseRenames). */
  readonly renames: readonly Rename[];
  /** What the plan wants a reader to know: suspected renames, declared column order not reached. */
  readonly notes: readonly PlanNote[];
}

/**
 * current + desired (+ declared renames) -> changes and ordered statements.
 * Stages: expand renames (the current catalog renamed as declared), diff, emit, order;
 * the rename statements run first, everything else is planned against the renamed state.
 */
export function planChanges(original: Catalog, desired: Catalog, scope: Scope = ALL, declared: readonly Rename[] = [], options: PlanOptions = {}): PlanResult {
  return planDiff(diffForPlan(original, desired, scope, declared), options);
}

/** The first stages, which do not depend on the plan options: declared renames applied, then the diff. */
export interface PlanDiff {
  readonly expanded: ReturnType<typeof expandRenames>;
  readonly desired: Catalog;
  readonly changes: readonly Change[];
}

export function diffForPlan(original: Catalog, desired: Catalog, scope: Scope = ALL, declared: readonly Rename[] = []): PlanDiff {
  const expanded = expandRenames(original, desired, declared.filter((r) => inScope(scope, r.schema)));
  return { expanded, desired, changes: diffCatalogs(expanded.catalog, desired, scope) };
}

/** The remaining stages on a diff: expand, emit, order (the same diff may be planned again with other options). */
export function planDiff(d: PlanDiff, options: PlanOptions = {}): PlanResult {
  const { expanded, desired, changes } = d;
  const current = expanded.catalog;
  const remade = new Set<ObjectId>();
  const ctx: PlanContext = { current, desired, remade, ...(options.online ? { online: options.online } : {}) };
  const expansion = expand(changes, ctx);
  // tables dropped or made again count as new: their indexes and constraints use plain DDL
  for (const x of [...expansion.dropped, ...expansion.recreate]) if (lookupObject(current, x)?.kind === 'table') remade.add(x);
  const statements = emit(changes, expansion, ctx);
  const notes = planNotes(changes, (from, to) => columnsToReorder(from, to, ctx, needsRemake).size > 0);
  const ordered = withRenameHints([...renameStatements(expanded.steps), ...orderStatements(statements)], notes);
  return {
    changes: [...expanded.steps.map((st): Change => ({ op: 'rename', id: objectId(st.to), from: st.from, to: st.to, rename: st.rename })), ...changes],
    renames: expanded.steps.map((st) => st.rename),
    notes,
    statements: ordered.map(({ sql, hazards, transactional, lockTimeoutMs, statementTimeoutMs, source }) =>
      Object.freeze({ sql, hazards, transactional, lockTimeoutMs, statementTimeoutMs, source }),
    ),
  };
}
