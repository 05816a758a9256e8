/**
 * Three live tiers as the repository's redis.yaml declares them, each a real
 * redis-server on a free port, with per-tier flag overrides for misconfigurations.
 * The check runs against the repository's redis.yaml and docker-compose.yml, with
 * addresses given through FAS_REDIS_<TIER>_URL and passwords through the env.
 */
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { startRedis, type RedisProcess } from './redis-server.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export type Tier = 'l1' | 'l2' | 'checkpoint';
export const TIERS: readonly Tier[] = ['l1', 'l2', 'checkpoint'];

export const PASSWORDS: Record<Tier, string> = {
  l1: 's3cret-l1-Xq9',
  l2: 's3cret-l2-Zk4',
  checkpoint: 's3cret-cp-Wm7',
};
export const PASSWORD_VARS: Record<Tier, string> = {
  l1: 'REDIS_L1_PASSWORD',
  l2: 'REDIS_L2_PASSWORD',
  checkpoint: 'REDIS_CHECKPOINT_PASSWORD',
};

const hybrid = ['--appendonly', 'yes', '--aof-use-rdb-preamble', 'yes', '--appendfsync', 'everysec', '--save', '3600 1 300 100 60 10000', '--maxmemory-policy', 'noeviction'];

/** The right flags for each tier (see redis.yaml). */
export const GOOD_FLAGS: Record<Tier, readonly string[]> = {
  l1: hybrid,
  l2: ['--appendonly', 'no', '--save', '3600 1 300 100', '--maxmemory', '512mb', '--maxmemory-policy', 'allkeys-lru'],
  checkpoint: hybrid,
};

export interface Fleet {
  readonly servers: Record<Tier, RedisProcess>;
  /** Env for the check: URLs of the servers and the passwords. */
  env(overrides?: Record<string, string | undefined>): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Start the three tiers; `extra` flags are appended per tier (later flags win in redis-server). */
export async function startFleet(extra: Partial<Record<Tier, readonly string[]>> = {}): Promise<Fleet> {
  const started = await Promise.all(
    TIERS.map((t) => startRedis([...GOOD_FLAGS[t], '--requirepass', PASSWORDS[t], ...(extra[t] ?? [])])),
  );
  const servers = { l1: started[0]!, l2: started[1]!, checkpoint: started[2]! };
  return {
    servers,
    env(overrides = {}) {
      const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
      for (const t of TIERS) {
        env[`FAS_REDIS_${t.toUpperCase()}_URL`] = `redis://127.0.0.1:${servers[t].port}`;
        env[PASSWORD_VARS[t]] = PASSWORDS[t];
      }
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined) delete env[k];
        else env[k] = v;
      }
      return env;
    },
    stop: async () => {
      await Promise.all(started.map((s) => s.stop()));
    },
  };
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Run `fas ...` in-process with a given cwd and env. */
export async function runFas(argv: readonly string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const t0 = Date.now();
  const code = await main(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr, ms: Date.now() - t0 };
}

export interface JsonCheck {
  stage: string;
  setting: string;
  status: 'ok' | 'finding';
  expected: string;
  actual: string;
  fix?: string[];
  location?: string;
}
export interface JsonReport {
  ok: boolean;
  findings: number;
  tiers: { tier: Tier; ok: boolean; checks: JsonCheck[] }[];
}

export function findingsIn(report: JsonReport, tier?: Tier): (JsonCheck & { tier: Tier })[] {
  return report.tiers
    .filter((t) => tier === undefined || t.tier === tier)
    .flatMap((t) => t.checks.filter((c) => c.status === 'finding').map((c) => ({ ...c, tier: t.tier })));
}
