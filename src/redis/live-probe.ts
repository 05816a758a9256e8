/**
 * Talk to one tier's live server through ioredis: one connection, a connect
 * timeout, no retries, and a hard deadline, so that an unreachable tier is a
 * quick finding and never a hang. Passwords never reach a message.
 */
import { Redis } from 'ioredis';
import { maskText } from '../util/mask.js';
import { pairsToRecord, parseInfo } from './info.js';
import type { TierAddress } from './tier-address.js';

export const LIVE_CONFIG_KEYS = [
  'appendonly',
  'aof-use-rdb-preamble',
  'save',
  'appendfsync',
  'maxmemory',
  'maxmemory-policy',
  'protected-mode',
  'bind',
] as const;

export type Probe =
  | { readonly kind: 'unreachable'; readonly reason: string; readonly elapsedMs: number }
  | { readonly kind: 'auth-missing' }
  | { readonly kind: 'auth-rejected'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  /** Something answered on the port, but not a Redis server. */
  | { readonly kind: 'not-redis'; readonly reason: string }
  | {
      readonly kind: 'connected';
      /** Whether the server refused commands before AUTH. */
      readonly authRequired: boolean;
      readonly config: Readonly<Record<string, string>>;
      readonly info: Readonly<Record<string, string>>;
    };

export interface ProbeOptions {
  /** Whole-probe deadline; the issue demands a report within 2 s. */
  readonly deadlineMs?: number;
  readonly connectTimeoutMs?: number;
}

export async function probeTier(addr: TierAddress, opts: ProbeOptions = {}): Promise<Probe> {
  const deadlineMs = opts.deadlineMs ?? 1500;
  const started = Date.now();
  const secrets = addr.password ? [addr.password] : [];
  const clean = (e: unknown) => maskText(e instanceof Error ? e.message : String(e), secrets);
  const client = new Redis({
    host: addr.host,
    port: addr.port,
    ...(addr.tls ? { tls: {} } : {}),
    lazyConnect: true,
    connectTimeout: opts.connectTimeoutMs ?? 1000,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    enableReadyCheck: false,
    disconnectTimeout: 100,
    autoResubscribe: false,
    protocol: 2,
  });
  let lastError: unknown;
  client.on('error', (e: unknown) => {
    lastError = e;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<Probe>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: 'unreachable', reason: `no answer within ${deadlineMs} ms`, elapsedMs: Date.now() - started }),
      deadlineMs,
    );
  });
  const work = async (): Promise<Probe> => {
    try {
      await client.connect();
    } catch (e) {
      return { kind: 'unreachable', reason: describeConnectError(lastError ?? e, clean), elapsedMs: Date.now() - started };
    }
    let authRequired = false;
    try {
      await client.ping();
    } catch (e) {
      if (isProtocolError(lastError) || isProtocolError(e)) return { kind: 'not-redis', reason: 'the port answered, but not in the Redis protocol' };
      if (lastError !== undefined || /isn't writeable|Connection is closed/i.test(clean(e))) {
        const code = (lastError as NodeJS.ErrnoException | undefined)?.code;
        if (code === undefined || code === 'ECONNRESET' || code === 'EPIPE')
          return { kind: 'not-redis', reason: 'the port accepted the connection and closed it without a Redis reply' };
        return { kind: 'unreachable', reason: `the connection failed before a Redis reply: ${describeConnectError(lastError, clean)}`, elapsedMs: Date.now() - started };
      }
      if (!/NOAUTH/i.test(clean(e))) return { kind: 'failed', reason: clean(e) };
      authRequired = true;
    }
    if (authRequired) {
      if (addr.password === undefined) return { kind: 'auth-missing' };
      try {
        if (addr.username) await client.auth(addr.username, addr.password);
        else await client.auth(addr.password);
      } catch (e) {
        return { kind: 'auth-rejected', reason: clean(e).split(/[.\n]/)[0]! };
      }
    }
    try {
      const config = pairsToRecord(await client.call('CONFIG', 'GET', ...LIVE_CONFIG_KEYS));
      const info = parseInfo(String(await client.call('INFO')));
      return { kind: 'connected', authRequired, config, info };
    } catch (e) {
      return { kind: 'failed', reason: `CONFIG GET / INFO failed: ${clean(e)}` };
    }
  };
  try {
    return await Promise.race([work(), deadline]);
  } finally {
    clearTimeout(timer);
    client.disconnect(false);
  }
}

/** The client library's complaint about bytes that are not RESP (an HTTP or PostgreSQL server, ...). */
function isProtocolError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return e.name === 'ParserError' || e.name === 'ReplyError' ? /RESP|protocol/i.test(e.message) : /Unknown RESP type|Protocol error/i.test(e.message);
}

function describeConnectError(e: unknown, clean: (e: unknown) => string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ETIMEDOUT: 'connect timed out',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
  };
  return code && known[code] ? `${known[code]} (${code})` : clean(e);
}
