/**
 * Static checks on redis.yaml: does each tier's declared persistence, eviction
 * and fsync honour its purpose; are ports unique; is auth configured.
 */
import type { Check } from './check.js';
import { compare, finding, ok } from './check.js';
import { formatMemorySize } from './memory-size.js';
import { isEvicting, PERSISTENCE_RULES, PURPOSE_RULES } from './rules.js';
import { showSave } from './save-points.js';
import type { RedisConfig, TierSpec } from './tier.js';

export function staticChecks(config: RedisConfig): Check[] {
  return [...config.tiers.flatMap((t) => tierChecks(config, t)), ...duplicatePorts(config)];
}

function edit(config: RedisConfig, tier: TierSpec, key: string, value: string): string[] {
  return [`in ${config.file}, set tiers.${tier.name}.${key}: ${value}`];
}

type Base = { tier: TierSpec['name']; stage: 'config' };

function tierChecks(config: RedisConfig, t: TierSpec): Check[] {
  const base: Base = { tier: t.name, stage: 'config' };
  return [...purposeChecks(config, t, base), saveDeclared(config, t, base), authDeclared(config, t, base)];
}

/** What the tier's purpose demands: its persistence, eviction, a cache's memory limit, and fsync. */
function purposeChecks(config: RedisConfig, t: TierSpec, base: Base): Check[] {
  const rule = PURPOSE_RULES[t.purpose];
  const checks: Check[] = [];

  checks.push(
    compare({
      ...base,
      setting: 'persistence',
      expected: `${rule.persistence.join(' or ')} (${t.purpose})`,
      actual: t.persistence,
      same: rule.persistence.includes(t.persistence),
      note: rule.description,
      fix: edit(config, t, 'persistence', rule.persistence[0]!),
      location: t.locations.persistence,
    }),
  );

  const evicting = isEvicting(t.maxmemoryPolicy);
  checks.push(
    compare({
      ...base,
      setting: 'maxmemory-policy',
      expected: rule.evicts ? 'an evicting policy (allkeys-lru, allkeys-lfu, ...)' : 'noeviction',
      actual: t.maxmemoryPolicy,
      same: evicting === rule.evicts,
      note: rule.description,
      fix: edit(config, t, 'maxmemory-policy', rule.evicts ? 'allkeys-lru' : 'noeviction'),
      location: t.locations['maxmemory-policy'],
    }),
  );

  if (rule.evicts) {
    checks.push(
      compare({
        ...base,
        setting: 'maxmemory',
        expected: 'a limit above 0 (a cache without a limit never evicts)',
        actual: formatMemorySize(t.maxmemory),
        same: t.maxmemory > 0,
        fix: edit(config, t, 'maxmemory', '512mb'),
        location: t.locations.maxmemory ?? t.locations.tier,
      }),
    );
  }

  if (PERSISTENCE_RULES[t.persistence].appendonly === 'yes') {
    checks.push(
      compare({
        ...base,
        setting: 'appendfsync',
        expected: rule.fsync.join(' or '),
        actual: t.appendfsync,
        same: rule.fsync.includes(t.appendfsync),
        note: rule.durable ? 'fsync every second at worst' : undefined,
        fix: edit(config, t, 'appendfsync', 'everysec'),
        location: t.locations.appendfsync,
      }),
    );
  }

  return checks;
}

/** Save points declared as the persistence needs them: some for RDB snapshots, none otherwise. */
function saveDeclared(config: RedisConfig, t: TierSpec, base: Base): Check {
  const points = t.save ?? [];
  return PERSISTENCE_RULES[t.persistence].rdb === 'required'
    ? compare({
        ...base,
        setting: 'save',
        expected: `at least one save point (persistence ${t.persistence} needs RDB snapshots)`,
        actual: t.save === undefined ? 'not declared' : showSave(points),
        same: points.length > 0,
        fix: edit(config, t, 'save', '["3600 1", "300 100", "60 10000"]'),
        location: t.locations.save ?? t.locations.tier,
      })
    : compare({
        ...base,
        setting: 'save',
        expected: `no save points (persistence ${t.persistence} has no RDB snapshots)`,
        actual: showSave(points),
        same: points.length === 0,
        fix: edit(config, t, 'save', '[]'),
        location: t.locations.save ?? t.locations.tier,
      });
}

function authDeclared(config: RedisConfig, t: TierSpec, base: Base): Check {
  return t.auth
    ? ok({ ...base, setting: 'auth', expected: 'a password environment variable', actual: t.auth, location: t.locations.auth })
    : finding({
        ...base,
        setting: 'auth',
        expected: 'a password environment variable',
        actual: 'none (the tier accepts anyone who can reach it)',
        fix: edit(config, t, 'auth', `REDIS_${t.name.toUpperCase()}_PASSWORD`),
        location: t.locations.tier,
      });
}

function duplicatePorts(config: RedisConfig): Check[] {
  const out: Check[] = [];
  config.tiers.forEach((t, i) => {
    const earlier = config.tiers.slice(0, i).find((o) => o.port === t.port);
    if (!earlier) return;
    out.push(
      finding({
        tier: t.name,
        stage: 'config',
        setting: 'port',
        expected: `a port no other tier uses`,
        actual: `${t.port}, also the port of tier ${earlier.name}`,
        fix: [`in ${config.file}, give tiers.${t.name}.port a port of its own`],
        location: t.locations.port,
      }),
    );
  });
  return out;
}
