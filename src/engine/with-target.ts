/**
 * The target database of a flow, scoped: --db or DATABASE_URL as given, else
 * the project-local embedded server, joined for the flow and left in its
 * `finally` (also registered with the cleanups, so Ctrl-C leaves it too).
 */
import { configuredTarget } from '../apply/target.js';
import { startEmbedded } from '../scratch/embedded.js';
import { onCleanup } from '../scratch/cleanup.js';
import { FasError } from '../util/errors.js';

export interface TargetOptions {
  /** --db URL */
  readonly db?: string;
  readonly env: NodeJS.ProcessEnv;
  /** The project directory (home of the embedded server); without it a target must be configured. */
  readonly cwd?: string;
  /** Progress and warnings (stderr). */
  readonly log: (text: string) => void;
}

/** Run `fn` against the target; an embedded server started for it is left when `fn` ends, however it ends. */
export async function withTarget<T>(o: TargetOptions, fn: (url: string) => Promise<T>): Promise<T> {
  const configured = configuredTarget({ db: o.db }, o.env);
  if (configured) return fn(configured);
  if (o.cwd === undefined) throw new FasError('CONFIG', 'no target database: pass --db or set DATABASE_URL');
  const server = await startEmbedded(o.cwd, (m) => o.log(m + '\n'));
  const forget = onCleanup(() => server.stop());
  try {
    return await fn(server.url);
  } finally {
    forget();
    await server.stop().catch(() => undefined);
  }
}
