/** JSON schema of fas.targets.yaml (ajv). Unknown keys are errors; connection strings are never accepted. */

export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$';
export const ENV_PATTERN = '^[A-Z_][A-Z0-9_]*$';

const limits = {
  max_parallel: { type: 'integer', minimum: 1, maximum: 256 },
  per_host: { type: 'integer', minimum: 1, maximum: 256 },
  on_error: { enum: ['stop', 'continue'] },
} as const;

const tags = { type: 'array', items: { type: 'string', pattern: NAME_PATTERN } } as const;

const replica = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url_env'],
  properties: { name: { type: 'string', pattern: NAME_PATTERN }, url_env: { type: 'string', pattern: ENV_PATTERN } },
} as const;

const target = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url_env'],
  properties: {
    name: { type: 'string', pattern: NAME_PATTERN },
    url_env: { type: 'string', pattern: ENV_PATTERN },
    tags,
    wave: { type: 'string', pattern: NAME_PATTERN },
    replicas: { type: 'array', items: replica },
  },
} as const;

const query = {
  type: 'object',
  additionalProperties: false,
  required: ['query', 'catalog_url_env'],
  properties: {
    query: { type: 'string', minLength: 1 },
    catalog_url_env: { type: 'string', pattern: ENV_PATTERN },
    tags,
    wave: { type: 'string', pattern: NAME_PATTERN },
  },
} as const;

const wave = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', pattern: NAME_PATTERN },
    tags,
    targets: { type: 'array', items: { type: 'string', pattern: NAME_PATTERN } },
    ...limits,
  },
} as const;

export const TARGETS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    version: { const: 1 },
    ...limits,
    waves: { type: 'array', minItems: 1, items: wave },
    // An entry with `query:` reads targets from a catalog database; any other entry is one target.
    targets: { type: 'array', minItems: 1, items: { if: { type: 'object', required: ['query'] }, then: query, else: target } },
  },
} as const;
