import { randomBytes } from 'node:crypto';
import { link, mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FasError } from '../util/errors.js';
import type { Revision } from './types.js';
import { renderRevision } from './render.js';
import { prettyStatements } from './pretty.js';
import { revisionFileName } from './revision-id.js';

/**
 * Write a revision into dir atomically (temp file, then a hard link that fails
 * if the name exists). Refuses to overwrite, or to write a second file for one id.
 * Returns the path written.
 */
export async function writeRevision(dir: string, rev: Revision): Promise<string> {
  // laid out for review (pretty.ts checks that the parse tree is unchanged)
  const text = renderRevision({ ...rev, upgrade: prettyStatements(rev.upgrade), downgrade: prettyStatements(rev.downgrade) });
  await mkdir(dir, { recursive: true });
  const name = revisionFileName(rev.id, rev.message);
  const path = join(dir, name);
  const clash = (await readdir(dir)).find((n) => n.startsWith(`${rev.id}_`) && n.endsWith('.sql'));
  if (clash) throw new FasError('REVISION', `revision ${rev.id} already exists: ${join(dir, clash)}; refusing to overwrite`, { location: { file: join(dir, clash) } });
  const tmp = join(dir, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FasError('REVISION', `${path} already exists; refusing to overwrite`, { location: { file: path } });
    }
    throw new FasError('REVISION', `cannot write ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  return path;
}
