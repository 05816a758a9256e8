import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRevisionDir } from '../../src/revisions/chain.js';
import { writeRevision } from '../../src/revisions/write.js';
import { FasError } from '../../src/util/errors.js';
import { rev } from './support.js';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const C = 'cccccccccccc';

async function dir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fas-chain-'));
}

test('a linear chain comes back base -> head, whatever the file names sort as', async (t) => {
  const d = await dir();
  await writeRevision(d, rev(C, B, 'third'));
  await writeRevision(d, rev(A, null, 'first'));
  await writeRevision(d, rev(B, A, 'second'));
  const chain = await readRevisionDir(d);
  t.deepEqual(chain.revisions.map((r) => r.id), [A, B, C]);
  t.is(chain.head, C);
  t.deepEqual(await readRevisionDir(join(d, 'nope')), { revisions: [], head: null });
});

test('a missing parent names the file and the missing id', async (t) => {
  const d = await dir();
  await writeRevision(d, rev(A, null, 'first'));
  const p = await writeRevision(d, rev(C, B, 'orphan'));
  const e = await t.throwsAsync(readRevisionDir(d));
  t.true(e instanceof FasError && e.code === 'REVISION');
  t.is((e as FasError).location?.file, p);
  t.regex(e!.message, new RegExp(`parent revision ${B} of ${C} is missing`));
});

test('a fork names both files', async (t) => {
  const d = await dir();
  await writeRevision(d, rev(A, null, 'first'));
  const p1 = await writeRevision(d, rev(B, A, 'left'));
  const p2 = await writeRevision(d, rev(C, A, 'right'));
  const e = await t.throwsAsync(readRevisionDir(d));
  t.true(e!.message.includes(p1) && e!.message.includes(p2), e!.message);
  t.regex(e!.message, /fork/);
});

test('two bases name both files', async (t) => {
  const d = await dir();
  const p1 = await writeRevision(d, rev(A, null, 'first'));
  const p2 = await writeRevision(d, rev(B, null, 'another first'));
  const e = await t.throwsAsync(readRevisionDir(d));
  t.true(e!.message.includes(p1) && e!.message.includes(p2), e!.message);
});

test('a garbage file is a clear error naming the file', async (t) => {
  const d = await dir();
  await writeRevision(d, rev(A, null, 'first'));
  const g = join(d, 'notes.sql');
  await writeFile(g, 'these are my notes; not SQL at all\n');
  const e = await t.throwsAsync(readRevisionDir(d));
  t.true(e instanceof FasError && e.code === 'REVISION');
  t.deepEqual((e as FasError).location, { file: g, line: 1, column: 1 });
  t.regex(e!.message, /not a fas revision file/);
});
