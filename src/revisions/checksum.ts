import { createHash } from 'node:crypto';

/** The header line that carries the checksum; its value is blanked when hashing. */
export const CHECKSUM_PREFIX = '-- checksum: ';

/** sha256 of the file's bytes with the checksum line's value left out. */
export function checksumOf(blankedText: string | Buffer): string {
  return 'sha256:' + createHash('sha256').update(blankedText).digest('hex');
}
