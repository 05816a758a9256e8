/**
 * A lock between fas processes of one project: a file created with O_EXCL
 * that holds the owner's pid. A lock whose owner is no longer alive is stale
 * and taken over. Waiters poll until the lock is free or the wait times out.
 */
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { FasError } from '../util/errors.js';

/** Whether a process runs; a zombie (exited, not yet reaped by its parent) does not. */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // Linux: the state is the field after the parenthesised command name
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

async function ownerOf(path: string): Promise<number | null> {
  try {
    const n = Number((await readFile(path, 'utf8')).trim());
    return Number.isSafeInteger(n) ? n : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Create the lock file with the owner's pid already in it: written to a file of its own, then
 * linked into place (atomic, and EEXIST when the lock is held). Creating it empty and writing the
 * pid afterwards let a waiter read an empty file in between, take it for a dead owner's and
 * remove it: two processes held the lock and both ran initdb in .fas/pg18.
 */
async function tryTake(path: string): Promise<boolean> {
  const mine = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(mine, `${process.pid}\n`, { flag: 'wx' });
    await link(mine, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new FasError('CONFIG', `cannot create the lock file ${path}: ${(e as Error).message}`, { cause: e });
  } finally {
    await unlink(mine).catch(() => undefined);
  }
}

/** Remove the lock moved aside, unless another waiter took the lock in between (then put it back). */
async function releaseAside(path: string, aside: string, deadOwner: number): Promise<void> {
  const moved = await ownerOf(aside);
  if (moved !== deadOwner) await link(aside, path).catch(() => undefined);
  await unlink(aside);
}

/**
 * Run fn while holding the lock file at `path`. Waits up to timeoutMs for
 * another live process to release it; says who holds it when it gives up.
 */
export async function withFileLock<T>(path: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryTake(path)) break;
    const owner = await ownerOf(path);
    if (owner !== null && !processAlive(owner)) {
      // stale: move it aside atomically so that only one waiter removes it
      const aside = `${path}.stale.${process.pid}`;
      await rename(path, aside).then(() => releaseAside(path, aside, owner), () => undefined).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline)
      throw new FasError('LOCK', `another fas process (pid ${owner ?? 'unknown'}) has held ${path} for over ${Math.round(timeoutMs / 1000)} s; if no fas command is running, delete the file`);
    await sleep(Math.min(50 + attempt * 25, 250));
  }
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
