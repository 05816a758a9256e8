import type { Catalog, CatalogObject, ObjectId } from '../catalog/model.js';
import type { Hazard } from './hazards.js';
import type { OnlinePolicy } from './online.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS, type PlannedStatement } from './statement.js';

/** What a per-kind planner can see. */
export interface PlanContext {
  readonly current: Catalog;
  readonly desired: Catalog;
  /**
   * Tables dropped or made again by this plan (filled by the planner before
   * creates are planned): a table in here is new, so its changes use plain DDL.
   */
  readonly remade?: ReadonlySet<ObjectId>;
  /** When changes to existing tables use the online patterns (absent: always). */
  readonly online?: OnlinePolicy;
}

/** Rank: the tie-break order when the dependency graph allows either order. */
export const RANK = {
  dropDependent: 5,
  dropChild: 8,
  dropDefault: 9,
  createSchema: 10,
  createExtension: 12,
  createCollation: 14,
  createType: 20,
  alterType: 22,
  createSequence: 30,
  createFunction: 75,
  createTable: 40,
  alterTable: 50,
  alterSequence: 55,
  addConstraint: 58,
  createIndex: 60,
  createView: 70,
  createMatview: 72,
  createTrigger: 80,
  createPolicy: 82,
  comment: 90,
  grant: 92,
  dropTable: 100,
  dropSequence: 102,
  dropFunction: 104,
  dropType: 106,
  dropExtension: 108,
  dropSchema: 110,
} as const;

export interface StatementSpec {
  readonly sql: string;
  readonly source: string;
  readonly rank: number;
  readonly provides?: readonly ObjectId[];
  readonly removes?: readonly ObjectId[];
  readonly needs?: readonly ObjectId[];
  readonly uses?: readonly ObjectId[];
  readonly softNeeds?: readonly ObjectId[];
  readonly split?: readonly PlannedStatement[];
  readonly hazards?: readonly Hazard[];
  readonly transactional?: boolean;
  readonly lockTimeoutMs?: number;
  readonly statementTimeoutMs?: number;
}

export function stmt(spec: StatementSpec): PlannedStatement {
  return {
    sql: spec.sql,
    source: spec.source,
    rank: spec.rank,
    provides: spec.provides ?? [],
    removes: spec.removes ?? [],
    needs: spec.needs ?? [],
    uses: spec.uses ?? [],
    ...(spec.softNeeds?.length ? { softNeeds: spec.softNeeds } : {}),
    ...(spec.split ? { split: spec.split } : {}),
    hazards: spec.hazards ?? [],
    transactional: spec.transactional ?? true,
    lockTimeoutMs: spec.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
    statementTimeoutMs: spec.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
  };
}

/** A per-kind planner. alter returns 'recreate' when only drop + create can express the change. */
export interface KindPlanner<T extends CatalogObject> {
  create(o: T, ctx: PlanContext): PlannedStatement[];
  drop(o: T, ctx: PlanContext): PlannedStatement[];
  alter(from: T, to: T, ctx: PlanContext): PlannedStatement[] | 'recreate';
}
