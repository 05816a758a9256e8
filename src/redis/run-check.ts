/**
 * `fas redis check` as a library call: redis.yaml, then the compose
 * cross-check, then (unless static) every live tier in parallel.
 */
import type { Check, Stage } from './check.js';
import { composeChecks, loadCompose } from './compose-checks.js';
import { liveChecks } from './live-checks.js';
import { loadRedisConfig } from './load-config.js';
import { probeTier, type ProbeOptions } from './live-probe.js';
import type { Report } from './report.js';
import { staticChecks } from './static-checks.js';
import { resolveAddress } from './tier-address.js';

export interface RedisCheckOptions {
  readonly configPath: string;
  readonly composePath: string;
  /** Names shown in messages (as the user gave them); default to the paths. */
  readonly configDisplay?: string;
  readonly composeDisplay?: string;
  readonly staticOnly: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly probe?: ProbeOptions;
}

export async function runRedisCheck(opts: RedisCheckOptions): Promise<Report> {
  const config = await loadRedisConfig(opts.configPath, opts.configDisplay);
  const compose = await loadCompose(opts.composePath, opts.composeDisplay);
  const addresses = config.tiers.map((t) => resolveAddress(t, opts.env));
  const checks: Check[] = [...staticChecks(config), ...composeChecks(config, compose)];
  const stages: Stage[] = ['config', 'compose'];
  if (!opts.staticOnly) {
    stages.push('live');
    const live = await Promise.all(config.tiers.map(async (t, i) => liveChecks(t, addresses[i]!, await probeTier(addresses[i]!, opts.probe))));
    checks.push(...live.flat());
  }
  return {
    config: config.file,
    compose: compose.file,
    stages,
    tiers: config.tiers.map((t, i) => ({
      tier: t.name,
      purpose: t.purpose,
      address: addresses[i]!.display,
      checks: checks.filter((c) => c.tier === t.name),
    })),
  };
}
