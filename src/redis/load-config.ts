/**
 * Read redis.yaml: parse (file:line:col on syntax errors), validate against the
 * schema (file:line:col on every violation), and build the TierSpec model.
 */
import { Ajv } from 'ajv';
import type { SourceLocation } from '../util/errors.js';
import { REDIS_CONFIG_SCHEMA } from './config-schema.js';
import { parseMemorySize } from './memory-size.js';
import { parseSaveText } from './save-points.js';
import { TIER_NAMES, type EvictionPolicy, type Fsync, type Persistence, type Purpose, type RedisConfig, type Role, type TierName, type TierSpec } from './tier.js';
import { locate, readYamlFile, parseYamlText, type YamlSource } from './yaml-source.js';
import { describeSchemaError, failWithProblems, type SchemaWords } from './schema-errors.js';

const validate = new Ajv({ allErrors: true }).compile(REDIS_CONFIG_SCHEMA);

export async function loadRedisConfig(path: string, display: string = path): Promise<RedisConfig> {
  return buildConfig(await readYamlFile(path, 'redis config', display));
}

export function parseRedisConfig(file: string, text: string): RedisConfig {
  return buildConfig(parseYamlText(file, text, 'redis config'));
}

function buildConfig(src: YamlSource): RedisConfig {
  if (!validate(src.value)) {
    // anyOf branches report their own errors beside the anyOf one: keep the anyOf one only.
    const errors = (validate.errors ?? []).filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath));
    failWithProblems('redis config', errors.map((e) => describeSchemaError(src, e, WORDS)));
  }
  const raw = src.value as { tiers: Record<TierName, Record<string, unknown>> };
  return { file: src.file, tiers: TIER_NAMES.map((name) => buildTier(src, name, raw.tiers[name])) };
}

function buildTier(src: YamlSource, name: TierName, t: Record<string, unknown>): TierSpec {
  const locations: Record<string, SourceLocation> = { tier: locate(src, ['tiers', name], { key: true }) };
  for (const key of Object.keys(t)) locations[key] = locate(src, ['tiers', name, key]);
  const save = Array.isArray(t.save) ? (t.save as string[]).flatMap((s) => parseSaveText(s) ?? []) : undefined;
  return {
    name,
    purpose: t.purpose as Purpose,
    service: typeof t.service === 'string' ? t.service : `redis-${name}`,
    host: t.host as string,
    port: t.port as number,
    persistence: t.persistence as Persistence,
    save,
    appendfsync: t.appendfsync as Fsync,
    maxmemory: t.maxmemory === undefined ? 0 : parseMemorySize(t.maxmemory as string | number)!,
    maxmemoryPolicy: t['maxmemory-policy'] as EvictionPolicy,
    auth: typeof t.auth === 'string' ? t.auth : undefined,
    role: (t.role as Role | undefined) ?? 'master',
    locations,
  };
}

const WORDS: SchemaWords = {
  requiredAtKey: true,
  pattern: (path, where) =>
    path[path.length - 1] === 'auth'
      ? `${where} must be the name of an environment variable (UPPER_CASE) that holds the password, never the password itself`
      : path[path.length - 1] === 'host'
        ? `${where} must be a host name or an IP address (credentials and URLs do not belong here; the password comes from the variable named by auth)`
        : path.includes('save')
          ? `${where} must be a save point "SECONDS CHANGES", for example "300 100"`
          : `${where} has an invalid value`,
  more: { anyOf: (where) => `${where} must be a number of bytes or a size like 512mb` },
};
