/**
 * Read redis.yaml: parse (file:line:col on syntax errors), validate against the
 * schema (file:line:col on every violation), and build the TierSpec model.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { FasError, formatLocation, type SourceLocation } from '../util/errors.js';
import { REDIS_CONFIG_SCHEMA } from './config-schema.js';
import { parseMemorySize } from './memory-size.js';
import { parseSaveText } from './save-points.js';
import { TIER_NAMES, type EvictionPolicy, type Fsync, type Persistence, type Purpose, type RedisConfig, type Role, type TierName, type TierSpec } from './tier.js';
import { locate, readYamlFile, parseYamlText, type YamlSource } from './yaml-source.js';

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
    const seen = new Set<string>();
    const problems = errors.map((e) => describe(src, e)).filter((p) => {
      const key = `${formatLocation(p.location)} ${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    const [first, ...rest] = problems;
    const others = rest.map((p) => `\n  ${formatLocation(p.location)}: ${p.message}`).join('');
    throw new FasError('YAML', `invalid redis config: ${first!.message}${others}`, { location: first!.location });
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

function describe(src: YamlSource, e: ErrorObject): { location: SourceLocation; message: string } {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const where = path.length ? path.join('.') : 'the top level';
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      return { location: locate(src, [...path, key], { key: true }), message: `unknown key "${key}" in ${where}` };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return { location: locate(src, path, { key: true }), message: `${where} is missing the required key "${key}"` };
    }
    case 'enum':
      return {
        location: locate(src, path),
        message: `${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`,
      };
    case 'const':
      return { location: locate(src, path), message: `${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'pattern':
      return {
        location: locate(src, path),
        message:
          path[path.length - 1] === 'auth'
            ? `${where} must be the name of an environment variable (UPPER_CASE) that holds the password, never the password itself`
            : path[path.length - 1] === 'host'
              ? `${where} must be a host name or an IP address (credentials and URLs do not belong here; the password comes from the variable named by auth)`
              : path.includes('save')
              ? `${where} must be a save point "SECONDS CHANGES", for example "300 100"`
              : `${where} has an invalid value`,
      };
    case 'anyOf':
      return { location: locate(src, path), message: `${where} must be a number of bytes or a size like 512mb` };
    default:
      return { location: locate(src, path), message: `${where} ${e.message ?? 'is invalid'}` };
  }
}
