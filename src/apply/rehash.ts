/**
 * fas rehash REV: re-seal a revision file that was edited by hand, after
 * review. Refused for a revision the target has applied (its history keeps
 * the checksum it ran with; editing it changes nothing there and hides drift).
 */
import { findRevision } from './status.js';
import type { RevisionFile } from '../revisions/types.js';
import { readRevisionDirLenient } from '../revisions/chain.js';
import { resealFile } from '../revisions/reseal.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { readDbState } from './history-store.js';
import { maskUrl } from '../util/mask.js';

export interface RehashResult {
  readonly revision: RevisionFile;
  /** false when the file was already sealed (nothing written). */
  readonly rewritten: boolean;
  readonly before: string;
  readonly after: string;
  /** Whether the target's history was checked (false when no target was reachable). */
  readonly checkedTarget: boolean;
}

export async function rehashRevision(opts: { dir: string; ref: string; url?: string; log: (t: string) => void }): Promise<RehashResult> {
  const { files } = await readRevisionDirLenient(opts.dir);
  const rev = findRevision({ revisions: files, head: null }, opts.ref, 'fas rehash');
  let checkedTarget = false;
  if (opts.url) {
    try {
      const db = await withClient(opts.url, { applicationName: 'fas rehash', readOnly: true }, readDbState);
      checkedTarget = true;
      const applied = db.applied.get(rev.id);
      if (applied)
        throw new FasError(
          'CHECKSUM',
          `refusing to re-seal revision ${rev.id} (${rev.path}): the target applied it on ${applied.appliedAt} with checksum ${applied.checksum}. ` +
            'An applied revision is never edited: restore the file, and write the change as a new revision (fas plan, or by hand).',
          { refused: true, location: { file: rev.path } },
        );
    } catch (e) {
      if (!(e instanceof FasError) || e.code !== 'CONNECT') throw e;
      opts.log(`warning: cannot reach the target ${maskUrl(opts.url)} to check that it has not applied ${rev.id}: ${e.message}\n`);
    }
  }
  if (rev.checksum === rev.actualChecksum) return { revision: rev, rewritten: false, before: rev.checksum, after: rev.checksum, checkedTarget };
  const sealed = await resealFile(rev);
  return { revision: sealed, rewritten: true, before: rev.checksum, after: sealed.checksum, checkedTarget };
}
