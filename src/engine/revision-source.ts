/**
 * The revision chain as a source: generated-migrations/ replayed in a scratch
 * database and read back, for `fas check` and `fas diff --from revisions`.
 */
import type { Catalog } from '../catalog/model.js';
import type { RevisionChain } from '../revisions/types.js';
import { readRevisionDir } from '../revisions/chain.js';
import { createScratchDb } from '../scratch/scratch-db.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { readDatabase } from './read-source.js';
import { replay } from './replay.js';

/** `revisions` or `revisions:DIR` names the revision chain as a diff source. */
export function revisionsSource(src: string): { dir?: string } | null {
  if (src === 'revisions') return {};
  if (src.startsWith('revisions:') && src.length > 'revisions:'.length) return { dir: src.slice('revisions:'.length) };
  return null;
}

/** The catalog that replaying the whole chain gives, in a scratch database on `server`. */
export async function catalogOfChain(server: string, chain: RevisionChain): Promise<Catalog> {
  const db = await createScratchDb(server);
  try {
    await withClient(db.url, { applicationName: 'fas revisions' }, async (c) => {
      for (const r of chain.revisions)
        await replay(c, r.upgrade, (step, _s, message) => new FasError('REVISION', `replaying ${r.path} step ${step} in a scratch database failed: ${message}`, { location: { file: r.path } }));
    });
    return await readDatabase(db.url, { applicationName: 'fas revisions' });
  } finally {
    await db.drop();
  }
}

export async function readRevisionsSource(dir: string, server: string): Promise<Catalog> {
  return catalogOfChain(server, await readRevisionDir(dir));
}
