/**
 * The redis.yaml model: three named tiers, each with a durability contract.
 */
import type { SourceLocation } from '../util/errors.js';

export const TIER_NAMES = ['l1', 'l2', 'checkpoint'] as const;
export type TierName = (typeof TIER_NAMES)[number];

export const PERSISTENCE_MODES = ['hybrid', 'rdb', 'aof', 'none'] as const;
export type Persistence = (typeof PERSISTENCE_MODES)[number];

export const PURPOSES = ['working-memory', 'cache', 'checkpoints'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const FSYNC_POLICIES = ['always', 'everysec', 'no'] as const;
export type Fsync = (typeof FSYNC_POLICIES)[number];

export const EVICTION_POLICIES = [
  'noeviction',
  'allkeys-lru',
  'allkeys-lfu',
  'allkeys-random',
  'volatile-lru',
  'volatile-lfu',
  'volatile-random',
  'volatile-ttl',
] as const;
export type EvictionPolicy = (typeof EVICTION_POLICIES)[number];

export const ROLES = ['master', 'replica'] as const;
export type Role = (typeof ROLES)[number];

/** One RDB save point: snapshot after `seconds` if at least `changes` keys changed. */
export interface SavePoint {
  readonly seconds: number;
  readonly changes: number;
}

export interface TierSpec {
  readonly name: TierName;
  readonly purpose: Purpose;
  /** docker-compose service that runs this tier. */
  readonly service: string;
  readonly host: string;
  readonly port: number;
  readonly persistence: Persistence;
  /** Declared save points; undefined when the file does not say. */
  readonly save?: readonly SavePoint[];
  readonly appendfsync: Fsync;
  /** Bytes; 0 means no limit. */
  readonly maxmemory: number;
  readonly maxmemoryPolicy: EvictionPolicy;
  /** Name of the environment variable holding the password; undefined means no auth. */
  readonly auth?: string;
  readonly role: Role;
  /** Where each key of the tier is in redis.yaml, for findings. */
  readonly locations: Readonly<Record<string, SourceLocation>>;
}

export interface RedisConfig {
  readonly file: string;
  readonly tiers: readonly TierSpec[];
}

/** FAS_REDIS_L1_URL, FAS_REDIS_L2_URL, FAS_REDIS_CHECKPOINT_URL. */
export function urlEnvVar(tier: TierName): string {
  return `FAS_REDIS_${tier.toUpperCase()}_URL`;
}
