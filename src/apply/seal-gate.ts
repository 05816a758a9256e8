/**
 * Apply and downgrade run only revision files whose seal holds: the checksum
 * in the header must match the file's content. A file edited by hand after
 * fas wrote it is refused, pending ones included, until a reviewer re-seals
 * it with `fas rehash REV` (possible only while no database has applied it).
 */
import type { RevisionFile } from '../revisions/types.js';
import { FasError } from '../util/errors.js';

export function isSealed(r: RevisionFile): boolean {
  return r.checksum === r.actualChecksum;
}

export function assertSealed(revisions: readonly RevisionFile[]): void {
  const broken = revisions.filter((r) => !isSealed(r));
  if (broken.length === 0) return;
  const lines = broken.map((r) => `  ${r.path}: revision ${r.id}, header checksum ${r.checksum}, content ${r.actualChecksum}`);
  const first = broken[0]!;
  throw new FasError(
    'CHECKSUM',
    `refusing to run revision file(s) edited after fas wrote them; nothing was run:\n${lines.join('\n')}\n` +
      `Review the edit. If it is intended and no database has applied the revision, re-seal it with \`fas rehash ${first.id}\`; ` +
      'apply then checks its statements, hazards included, as written.',
    { refused: true, location: { file: first.path } },
  );
}
