/**
 * Re-seal a revision file: write the checksum of its current content into its
 * header. Only the checksum line's value changes (the checksum is computed
 * with that value blanked, so re-sealing never changes what it seals).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FasError } from '../util/errors.js';
import { CHECKSUM_PREFIX } from './checksum.js';
import { parseRevisionFile } from './parse.js';
import type { RevisionFile } from './types.js';

/** The file text with its checksum line set to the content's checksum. */
export function resealText(text: string, rev: RevisionFile): string {
  const old = `\n${CHECKSUM_PREFIX}${rev.checksum}`;
  const at = text.indexOf(old);
  if (at < 0 || text.indexOf(old, at + 1) >= 0) throw new FasError('REVISION', `cannot find the one checksum line of ${rev.path}`, { location: { file: rev.path } });
  return text.slice(0, at) + `\n${CHECKSUM_PREFIX}${rev.actualChecksum}` + text.slice(at + old.length);
}

/** Rewrite the file in place (temp file + rename) and check that it reads back sealed. */
export async function resealFile(rev: RevisionFile): Promise<RevisionFile> {
  const text = await readFile(rev.path, 'utf8');
  const now = await parseRevisionFile(rev.path, text);
  if (now.actualChecksum !== rev.actualChecksum) throw new FasError('REVISION', `${rev.path} changed while fas was reading it; run fas rehash again`, { location: { file: rev.path } });
  const sealed = resealText(text, now);
  const back = await parseRevisionFile(rev.path, sealed);
  if (back.checksum !== back.actualChecksum) throw new FasError('INTERNAL', `re-sealing ${rev.path} did not give a matching checksum`);
  const tmp = join(dirname(rev.path), `.${basename(rev.path)}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, sealed, { flag: 'wx' });
  try {
    await rename(tmp, rev.path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new FasError('REVISION', `cannot write ${rev.path}: ${(e as Error).message}`, { cause: e });
  }
  return back;
}
