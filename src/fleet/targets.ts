/**
 * The fleet model: named targets (connection strings come from environment
 * variables, never from the file), their replicas, waves and concurrency.
 */
import type { SourceLocation } from '../util/errors.js';

export type OnError = 'stop' | 'continue';

/** An entry of the targets file, with where it stands there (for error messages). */
interface FileEntry {
  readonly location: SourceLocation;
}

/**
 * How a wave runs its targets: how many at once, how many on one host, and
 * whether a failure stops the rest. The file sets the defaults, a wave may
 * override each.
 */
export interface RunPolicy {
  readonly maxParallel: number;
  readonly perHost: number;
  readonly onError: OnError;
}

/** What places a target in a wave (a catalog query gives its own to every target it returns). */
export interface Placement {
  readonly tags: readonly string[];
  /** The wave, when the entry names it itself. */
  readonly wave?: string;
}

export interface ReplicaSpec extends FileEntry {
  readonly name: string;
  readonly urlEnv: string;
}

export interface TargetSpec extends FileEntry, Placement {
  readonly name: string;
  readonly urlEnv: string;
  readonly replicas: readonly ReplicaSpec[];
}

/** Targets read from a catalog database: `select name, dsn_env [, tags] [, wave] from ...`. */
export interface TargetQuery extends FileEntry, Placement {
  readonly query: string;
  readonly catalogUrlEnv: string;
}

export interface WaveSpec extends FileEntry, Partial<RunPolicy> {
  readonly name: string;
  /** Targets with any of these tags belong to the wave (first matching wave wins). */
  readonly tags: readonly string[];
  /** Targets named here belong to the wave. */
  readonly targets: readonly string[];
}

export interface TargetsFile extends RunPolicy {
  readonly file: string;
  readonly targets: readonly TargetSpec[];
  readonly queries: readonly TargetQuery[];
  readonly waves: readonly WaveSpec[];
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

export interface Wave extends RunPolicy {
  readonly name: string;
  readonly targets: readonly FleetTarget[];
}

export interface Fleet {
  readonly file: string;
  readonly waves: readonly Wave[];
}

export function fleetTargets(f: Fleet): FleetTarget[] {
  return f.waves.flatMap((w) => w.targets);
}
