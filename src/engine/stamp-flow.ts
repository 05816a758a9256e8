/**
 * fas stamp as an engine function: read the revision directory, reach the
 * target (an embedded server is scoped to the flow), check and record. The
 * command line parses flags into these options and renders the result.
 */
import { readRevisionDir } from '../revisions/chain.js';
import { stampDatabase, type StampResult } from '../apply/stamp.js';
import { withServers } from './environment.js';
import { withTarget } from './with-target.js';

export interface StampFlowOptions {
  /** The revision directory (absolute). */
  readonly dir: string;
  /** The revision to stamp: its id, a unique prefix, or head. */
  readonly ref: string;
  /** --db URL; else DATABASE_URL, else the embedded server of `cwd`. */
  readonly db?: string;
  /** --dev-url / FAS_DEV_DATABASE_URL: where the check's scratch database may go. */
  readonly devUrl?: string;
  /** Skip the schema check. */
  readonly force?: boolean;
  readonly lockWaitSeconds?: number;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly log: (text: string) => void;
}

export async function stampFlow(o: StampFlowOptions): Promise<StampResult> {
  const chain = await readRevisionDir(o.dir);
  return withTarget(o, (url) => {
    const e = { cwd: o.cwd, env: o.env, log: (m: string) => o.log(m + '\n'), dbUrl: url, devUrl: o.devUrl };
    // the check's scratch server (started only when checking) is left when the stamp ends, however it ends
    return withServers(e, (servers) => stampDatabase({
      url,
      chain,
      ref: o.ref,
      force: o.force,
      scratchServer: () => servers.scratch({ near: url, allowNear: true }),
      projectDir: o.cwd,
      lockWaitSeconds: o.lockWaitSeconds,
      log: o.log,
    }));
  });
}
