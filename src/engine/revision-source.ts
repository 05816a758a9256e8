/**
 * The revision chain as a source: generated-migrations/ replayed in a scratch
 * database and read back, for `fas check` and `fas diff --from revisions`.
 * The replay goes through the history cache (history-catalog.ts): a chain seen
 * before costs no replay, a chain that grew replays only its new revisions.
 *
 * The chain reader and the replay load the SQL parser: they are imported when a
 * chain is read, so that `fas diff` between two databases does not load it.
 */
import type { Catalog } from '../catalog/model.js';
import type { RevisionChain } from '../revisions/types.js';

/** `revisions` or `revisions:DIR` names the revision chain as a diff source. */
export function revisionsSource(src: string): { dir?: string } | null {
  if (src === 'revisions') return {};
  if (src.startsWith('revisions:') && src.length > 'revisions:'.length) return { dir: src.slice('revisions:'.length) };
  return null;
}

export interface ChainOptions {
  /** Project directory whose .fas/history-cache/ is used; no cache when absent. */
  readonly projectDir?: string;
  /** Progress (which revisions are replayed) goes here. */
  readonly log?: (msg: string) => void;
}

/** The catalog that replaying the whole chain gives, in a scratch database on `server` (or from the history cache). */
export async function catalogOfChain(server: string, chain: RevisionChain, opts: ChainOptions = {}): Promise<Catalog> {
  const { catalogOfRevisions } = await import('./history-catalog.js');
  return (await catalogOfRevisions(server, chain.revisions, { projectDir: opts.projectDir, applicationName: 'fas revisions', log: opts.log })).catalog;
}

export async function readRevisionsSource(dir: string, server: string, opts: ChainOptions = {}): Promise<Catalog> {
  const { readRevisionDir } = await import('../revisions/chain.js');
  return catalogOfChain(server, await readRevisionDir(dir), opts);
}
