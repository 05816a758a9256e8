/** JSON schema of redis.yaml (ajv). Unknown keys are errors. */
import { EVICTION_POLICIES, FSYNC_POLICIES, PERSISTENCE_MODES, PURPOSES, ROLES, TIER_NAMES } from './tier.js';

const tier = {
  type: 'object',
  additionalProperties: false,
  required: ['purpose', 'host', 'port', 'persistence', 'appendfsync', 'maxmemory-policy'],
  properties: {
    purpose: { enum: [...PURPOSES] },
    service: { type: 'string', minLength: 1 },
    // a host name, IPv4 or IPv6 address: never credentials (":secret@host") or a URL
    host: { type: 'string', minLength: 1, pattern: '^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$' },
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    persistence: { enum: [...PERSISTENCE_MODES] },
    save: { type: 'array', items: { type: 'string', pattern: '^\\s*\\d+\\s+\\d+\\s*$' } },
    appendfsync: { enum: [...FSYNC_POLICIES] },
    maxmemory: {
      anyOf: [
        { type: 'integer', minimum: 0 },
        { type: 'string', pattern: '^\\d+\\s*([kKmMgG][bB]?|[bB])?$' },
      ],
    },
    'maxmemory-policy': { enum: [...EVICTION_POLICIES] },
    auth: {
      type: 'string',
      pattern: '^[A-Z_][A-Z0-9_]*$',
      description: 'the name of the environment variable that holds the password; never the password',
    },
    role: { enum: [...ROLES] },
  },
} as const;

export const REDIS_CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'tiers'],
  properties: {
    version: { const: 1 },
    tiers: {
      type: 'object',
      additionalProperties: false,
      required: [...TIER_NAMES],
      properties: Object.fromEntries(TIER_NAMES.map((t) => [t, tier])),
    },
  },
} as const;
