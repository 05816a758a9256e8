/** Read-only: what the target applied, against the files (fas history, fas current). */
import type { RevisionChain } from '../revisions/types.js';
import { withClient } from '../util/db.js';
import { readDbState } from './history-store.js';
import { type ChainStatus, chainStatus } from './status.js';

export async function readTargetStatus(url: string, chain: RevisionChain, command: string): Promise<ChainStatus> {
  return withClient(url, { applicationName: `fas ${command}`, readOnly: true }, async (c) => chainStatus(chain, await readDbState(c)));
}
