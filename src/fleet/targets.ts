/**
 * The fleet model: named targets (connection strings come from environment
 * variables, never from the file), their replicas, waves and concurrency.
 */
import type { SourceLocation } from '../util/errors.js';

export type OnError = 'stop' | 'continue';

export interface ReplicaSpec {
  readonly name: string;
  readonly urlEnv: string;
  readonly location: SourceLocation;
}

export interface TargetSpec {
  readonly name: string;
  readonly urlEnv: string;
  readonly tags: readonly string[];
  /** The wave this target belongs to, when it says so itself. */
  readonly wave?: string;
  readonly replicas: readonly ReplicaSpec[];
  readonly location: SourceLocation;
}

/** Targets read from a catalog database: `select name, dsn_env [, tags] [, wave] from ...`. */
export interface TargetQuery {
  readonly query: string;
  readonly catalogUrlEnv: string;
  readonly tags: readonly string[];
  readonly wave?: string;
  readonly location: SourceLocation;
}

export interface WaveSpec {
  readonly name: string;
  /** Targets with any of these tags belong to the wave (first matching wave wins). */
  readonly tags: readonly string[];
  /** Targets named here belong to the wave. */
  readonly targets: readonly string[];
  readonly maxParallel?: number;
  readonly perHost?: number;
  readonly onError?: OnError;
  readonly location: SourceLocation;
}

export interface TargetsFile {
  readonly file: string;
  readonly targets: readonly TargetSpec[];
  readonly queries: readonly TargetQuery[];
  readonly waves: readonly WaveSpec[];
  readonly maxParallel: number;
  readonly perHost: number;
  readonly onError: OnError;
}

export const DEFAULT_TARGETS_FILE = 'fas.targets.yaml';
export const DEFAULT_MAX_PARALLEL = 4;
export const DEFAULT_PER_HOST = 2;
export const DEFAULT_ON_ERROR: OnError = 'stop';

/** A server of the fleet with its URL looked up (undefined when the variable is not set). */
export interface Endpoint {
  readonly name: string;
  readonly urlEnv: string;
  readonly url?: string;
  /** host:port, the unit of per_host. */
  readonly host: string;
}

export interface FleetTarget extends Endpoint {
  readonly tags: readonly string[];
  readonly wave: string;
  readonly replicas: readonly Endpoint[];
}

export interface Wave {
  readonly name: string;
  readonly maxParallel: number;
  readonly perHost: number;
  readonly onError: OnError;
  readonly targets: readonly FleetTarget[];
}

export interface Fleet {
  readonly file: string;
  readonly waves: readonly Wave[];
}

export function fleetTargets(f: Fleet): FleetTarget[] {
  return f.waves.flatMap((w) => w.targets);
}
