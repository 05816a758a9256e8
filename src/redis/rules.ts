/**
 * Durability contracts: what each purpose demands, and what each persistence
 * mode means in redis settings. Record dispatch, so a new mode or purpose does
 * not compile until it has rules.
 */
import type { EvictionPolicy, Fsync, Persistence, Purpose } from './tier.js';

export interface PurposeRule {
  readonly description: string;
  /** Must not lose acknowledged writes: no eviction, AOF with fsync. */
  readonly durable: boolean;
  readonly persistence: readonly Persistence[];
  readonly fsync: readonly Fsync[];
  /** Whether the tier must evict (caches) or must not (durable tiers). */
  readonly evicts: boolean;
}

export const PURPOSE_RULES: Record<Purpose, PurposeRule> = {
  'working-memory': {
    description: 'working memory must not lose acknowledged writes',
    durable: true,
    persistence: ['hybrid', 'aof'],
    fsync: ['always', 'everysec'],
    evicts: false,
  },
  cache: {
    description: 'a cache may be lost and must evict',
    durable: false,
    persistence: ['rdb', 'none'],
    fsync: ['always', 'everysec', 'no'],
    evicts: true,
  },
  checkpoints: {
    description: 'agent checkpoints must not be lost: no eviction, fsync every second at worst',
    durable: true,
    persistence: ['hybrid', 'aof'],
    fsync: ['always', 'everysec'],
    evicts: false,
  },
};

export interface PersistenceRule {
  readonly appendonly: 'yes' | 'no';
  /** aof-use-rdb-preamble; undefined when it does not matter (AOF off). */
  readonly preamble?: 'yes' | 'no';
  /** RDB snapshots: required (at least one save point), forbidden (save ""). */
  readonly rdb: 'required' | 'forbidden';
}

export const PERSISTENCE_RULES: Record<Persistence, PersistenceRule> = {
  hybrid: { appendonly: 'yes', preamble: 'yes', rdb: 'required' },
  rdb: { appendonly: 'no', rdb: 'required' },
  aof: { appendonly: 'yes', preamble: 'no', rdb: 'forbidden' },
  none: { appendonly: 'no', rdb: 'forbidden' },
};

export function isEvicting(policy: EvictionPolicy): boolean {
  return policy !== 'noeviction';
}

