import type { ObjectId } from '../catalog/model.js';
import type { Hazard } from './hazards.js';

/**
 * One SQL statement of a plan. Exactly one statement (checked by the parser),
 * with the hazards it carries and the timeouts it runs under.
 */
export interface Statement {
  readonly sql: string;
  readonly hazards: readonly Hazard[];
  /** false for statements that cannot run inside a transaction block. */
  readonly transactional: boolean;
  readonly lockTimeoutMs: number;
  readonly statementTimeoutMs: number;
  /** The change this statement came from: "alter column outcomes.predictions.value". */
  readonly source: string;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 3_000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 600_000;

/** A statement as the planner makes it, before ordering. */
export interface PlannedStatement extends Statement {
  /** Objects that exist (in their new form) once this statement ran. */
  readonly provides: readonly ObjectId[];
  /** Objects that no longer exist (in their old form) once this statement ran. */
  readonly removes: readonly ObjectId[];
  /** Objects that must exist in their new form before this statement runs. */
  readonly needs: readonly ObjectId[];
  /** Objects that must still exist (old form) when this statement runs. */
  readonly uses: readonly ObjectId[];
  /** Tie-break rank: lower runs earlier when the graph allows either order. */
  readonly rank: number;
  /** Like needs, but a guess (calls found in a function body): left out if it makes a cycle. */
  readonly softNeeds?: readonly ObjectId[];
  /** Statements that do the same in several steps, used when this one sits on a cycle. */
  readonly split?: readonly PlannedStatement[];
}

export interface Plan {
  readonly statements: readonly Statement[];
}
