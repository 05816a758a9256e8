/**
 * Where a tier's live server is, and with which password: redis.yaml's host and
 * port and the `auth` environment variable, unless FAS_REDIS_<TIER>_URL overrides
 * them (staging and production). Display forms never contain the password.
 */
import { FasError } from '../util/errors.js';
import { maskUrl } from '../util/mask.js';
import { urlEnvVar, type TierSpec } from './tier.js';

export interface TierAddress {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
  /** Where the password came from, for messages: "$REDIS_L1_PASSWORD", "FAS_REDIS_L1_URL". */
  readonly passwordSource?: string;
  /** host:port, or the masked override URL. */
  readonly display: string;
  /** The override variable in effect, if any. */
  readonly override?: string;
}

export function resolveAddress(tier: TierSpec, env: NodeJS.ProcessEnv): TierAddress {
  const envPassword = tier.auth ? env[tier.auth] : undefined;
  const fromEnv = envPassword ? { password: envPassword, passwordSource: `$${tier.auth}` } : {};
  const overrideVar = urlEnvVar(tier.name);
  const override = env[overrideVar];
  if (!override) return { host: tier.host, port: tier.port, tls: false, display: `${tier.host}:${tier.port}`, ...fromEnv };

  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new FasError('CONFIG', `${overrideVar} is not a URL: ${maskUrl(override)}`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new FasError('CONFIG', `${overrideVar} must be a redis:// or rediss:// URL; got ${maskUrl(override)}`);
  }
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || tier.host,
    port: url.port ? Number(url.port) : 6379,
    tls: url.protocol === 'rediss:',
    username: url.username ? decodeURIComponent(url.username) : undefined,
    ...(password ? { password, passwordSource: overrideVar } : fromEnv),
    display: maskUrl(override),
    override: overrideVar,
  };
}
