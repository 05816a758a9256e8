/** Which database apply, downgrade, history and current talk to. */
import { FasError } from '../util/errors.js';

export interface TargetFlags {
  /** --db URL */
  readonly db?: string;
}

/**
 * The target URL: --db, else DATABASE_URL. With neither, fas is meant to start
 * the project-local embedded PostgreSQL (src/scratch/embedded.ts); until that
 * lands this is a configuration error.
 */
export async function resolveTarget(flags: TargetFlags, env: NodeJS.ProcessEnv): Promise<string> {
  const url = configuredTarget(flags, env);
  if (url) return url;
  throw new FasError('CONFIG', 'no target database: pass --db or set DATABASE_URL');
}

/** The target if one is configured, without falling back to the embedded server. */
export function configuredTarget(flags: TargetFlags, env: NodeJS.ProcessEnv): string | undefined {
  const url = flags.db ?? env.DATABASE_URL;
  if (url === undefined || url.trim() === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new FasError('CONFIG', 'the target must be a postgres:// or postgresql:// URL');
  return url;
}
