/**
 * One check of one tier: what was expected, what was found, and the exact fix.
 * Every stage (config, compose, live) produces these; the report prints them.
 */
import type { SourceLocation } from '../util/errors.js';
import type { TierName } from './tier.js';

export const STAGES = ['config', 'compose', 'live'] as const;
export type Stage = (typeof STAGES)[number];

export type Status = 'ok' | 'finding';

export interface Check {
  readonly tier: TierName;
  readonly stage: Stage;
  /** The setting checked: a redis config name (appendonly, save...) or a fas name (reachable, auth, image...). */
  readonly setting: string;
  readonly expected: string;
  readonly actual: string;
  readonly status: Status;
  /** Exact fix: CONFIG SET ... / CONFIG REWRITE for live servers, the compose or redis.yaml edit otherwise. */
  readonly fix: readonly string[];
  /** Why this matters, when the setting name is not enough. */
  readonly note?: string;
  readonly location?: SourceLocation;
}

type CheckInput = Omit<Check, 'status' | 'fix'> & { fix?: readonly string[] };

export function ok(c: CheckInput): Check {
  return { ...c, status: 'ok', fix: [] };
}

export function finding(c: CheckInput): Check {
  return { ...c, status: 'finding', fix: c.fix ?? [] };
}

/** ok when expected and actual agree, a finding with the given fix otherwise. */
export function compare(c: CheckInput & { same: boolean }): Check {
  const { same, ...rest } = c;
  return same ? ok(rest) : finding(rest);
}
