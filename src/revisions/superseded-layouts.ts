/**
 * Revision files that fas itself laid out again (readable revisions, fas 0.2):
 * the statements did not change, the bytes did, so a database that applied the
 * earlier file records the earlier checksum. Each entry names that checksum and
 * the content fingerprint both files share; an applied checksum is accepted for
 * the new file only when the file's content still has that fingerprint, so a
 * hand edit of a re-laid-out revision is still reported as a change.
 * test/revisions/superseded-layouts.test.ts proves each entry against the old file.
 */
import { contentFingerprint } from './content-fingerprint.js';
import type { RevisionFile } from './types.js';

export interface SupersededLayout {
  /** The checksum of the earlier file. */
  readonly checksum: string;
  /** contentFingerprint() of the earlier file, equal to the current one's. */
  readonly content: string;
}

export const SUPERSEDED_LAYOUTS: Readonly<Record<string, readonly SupersededLayout[]>> = {
  a125ac7b2db7: [
    {
      checksum: 'sha256:6b0d670a2908e1a0ff1a762df3e980f1f148aa7cb381aa6bcd00c2759aca8ab9',
      content: 'sha256:31b47fd7f4ef23ef85c9b42bc6c2a7f8d1ab41b0e4a435369810ef64666587c0',
    },
  ],
};

const fingerprints = new WeakMap<RevisionFile, string>();

/** Whether a checksum recorded in a database's history stands for this file's content. */
export function checksumMatches(recorded: string, rev: RevisionFile): boolean {
  if (recorded === rev.actualChecksum) return true;
  const earlier = SUPERSEDED_LAYOUTS[rev.id]?.filter((l) => l.checksum === recorded) ?? [];
  if (earlier.length === 0) return false;
  let fp = fingerprints.get(rev);
  if (fp === undefined) {
    fp = contentFingerprint(rev);
    fingerprints.set(rev, fp);
  }
  return earlier.some((l) => l.content === fp);
}
