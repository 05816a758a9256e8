/** Which database apply, downgrade, history and current talk to. */
import { isConnectionString, parseConnectionString } from '../util/conninfo.js';
import { FasError } from '../util/errors.js';

export interface TargetFlags {
  /** --db URL */
  readonly db?: string;
}

/** Who keeps a server fas started: the scope of a flow (withServers), which leaves it when the flow ends. */
export type Hold = (server: { stop(): Promise<void> }) => void;

/**
 * The target URL: --db, else DATABASE_URL, else the project-local embedded
 * PostgreSQL 18 under <cwd>/.fas (started for this command and given to `hold`).
 */
export async function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv, cwd: string | undefined, log: (msg: string) => void, hold: Hold): Promise<string> {
  const url = configuredTarget(flags, env);
  if (url) return url;
  if (cwd === undefined) throw new FasError('CONFIG', 'no target database: pass --db or set DATABASE_URL');
  const { startEmbedded } = await import('../scratch/embedded.js'); // loaded on use: a command given a URL starts faster
  const server = await startEmbedded(cwd, log);
  hold(server);
  return server.url;
}

/** The target if one is configured, without falling back to the embedded server. */
export function configuredTarget(flags: TargetFlags, env: NodeJS.ProcessEnv): string | undefined {
  const url = flags.db ?? env.DATABASE_URL;
  if (url === undefined || url.trim() === '') return undefined;
  if (!isConnectionString(url)) throw new FasError('CONFIG', 'the target must be a postgresql:// URI or libpq key=value pairs');
  parseConnectionString(url); // a CONFIG error, masked, for what libpq would not accept
  return url;
}
