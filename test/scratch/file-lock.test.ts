/**
 * The project lock (.fas/server.lock) admits one fas process at a time, also when many start at
 * once: with the lock created empty and its pid written after, a waiter could read the empty file,
 * take it for a dead owner's, remove it and enter too (two initdb runs in .fas/pg18).
 */
import test from 'ava';
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withFileLock } from '../../src/scratch/file-lock.js';

const LOCK_MODULE = join(import.meta.dirname, '..', '..', 'dist', 'src', 'scratch', 'file-lock.js');

/** A process that takes the lock `rounds` times; inside, it creates `inside` exclusively, waits, removes it. */
const WORKER = `
import { withFileLock } from ${JSON.stringify(LOCK_MODULE)};
import { writeFileSync, unlinkSync } from 'node:fs';
const [lock, inside, rounds] = process.argv.slice(2);
let overlaps = 0;
for (let i = 0; i < Number(rounds); i++) {
  await withFileLock(lock, 60_000, async () => {
    try { writeFileSync(inside, String(process.pid), { flag: 'wx' }); } catch { overlaps++; return; }
    await new Promise((r) => setTimeout(r, 2));
    unlinkSync(inside);
  });
}
process.stdout.write(String(overlaps));
`;

test('twelve processes taking the lock at once: never two inside', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fas-file-lock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const worker = join(dir, 'worker.mjs');
  writeFileSync(worker, WORKER);
  const runs = await Promise.all(Array.from({ length: 12 }, () => execa('node', [worker, join(dir, 'server.lock'), join(dir, 'inside'), '25'])));
  const overlaps = runs.reduce((n, r) => n + Number(r.stdout), 0);
  t.is(overlaps, 0, `${overlaps} times a process found another inside the lock`);
});

test('a lock left by a process that is gone is taken over; one held by a live process is waited for, then named', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fas-file-lock-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const lock = join(dir, 'server.lock');
  const gone = await execa('node', ['-e', 'process.stdout.write(String(process.pid))']);
  writeFileSync(lock, `${gone.stdout}\n`);
  t.is(await withFileLock(lock, 2_000, async () => 'taken'), 'taken');
  writeFileSync(lock, `${process.ppid}\n`); // alive: the test runner's parent
  const e = await t.throwsAsync(withFileLock(lock, 300, async () => 'never'));
  t.regex(e?.message ?? '', new RegExp(`pid ${process.ppid}\\) has held`));
});
