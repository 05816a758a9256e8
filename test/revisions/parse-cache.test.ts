/**
 * Parsed revision files are remembered under <project>/.fas/parsed-revisions.json:
 * a second read of the chain parses nothing and gives the same revisions; an
 * edited file, a cache written by other parser code, or a damaged cache file
 * means parsing again.
 */
import test from 'ava';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openParseCache } from '../../src/revisions/parse-cache.js';
import { parseRevisionFile } from '../../src/revisions/parse.js';
import { readRevisionDir } from '../../src/revisions/chain.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function project(t: { teardown(fn: () => Promise<void>): void }): Promise<{ dir: string; file: string; text: string }> {
  const root = await mkdtemp(join(tmpdir(), 'fas-parse-cache-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'generated-migrations');
  await cp(join(ROOT, 'generated-migrations'), dir, { recursive: true });
  const [name] = (await readdir(dir)).filter((f) => f.endsWith('.sql'));
  const file = join(dir, name!);
  return { dir, file, text: await readFile(file, 'utf8') };
}

async function readVia(dir: string, file: string, text: string) {
  const cache = openParseCache(dir);
  const rev = await cache.parse(file, text);
  cache.save();
  return { rev, stats: cache.stats };
}

test('a second read serves the parsed revision from the cache, equal to a fresh parse', async (t) => {
  const { dir, file, text } = await project(t);
  const first = await readVia(dir, file, text);
  t.deepEqual(first.stats, { hits: 0, parsed: 1 });
  const second = await readVia(dir, file, text);
  t.deepEqual(second.stats, { hits: 1, parsed: 0 });
  t.deepEqual(JSON.parse(JSON.stringify(second.rev)), JSON.parse(JSON.stringify(await parseRevisionFile(file, text))));
  // and through the chain reader
  const chain = await readRevisionDir(dir);
  t.is(chain.revisions[0]!.upgrade.length, first.rev.upgrade.length);
});

test('an edited file is parsed again and the edit shows', async (t) => {
  const { dir, file, text } = await project(t);
  await readVia(dir, file, text);
  const edited = text.replace(/COMMENT ON TABLE ([^\n]*) IS\n?\s*'[^']*'/, "COMMENT ON TABLE $1 IS 'edited'");
  t.not(edited, text);
  const again = await readVia(dir, file, edited);
  t.deepEqual(again.stats, { hits: 0, parsed: 1 });
  t.true(again.rev.upgrade.some((s) => s.sql.includes("'edited'")));
  t.not(again.rev.actualChecksum, (await parseRevisionFile(file, text)).actualChecksum);
});

test('a cache from other parser code, or a damaged one, is not used', async (t) => {
  const { dir, file, text } = await project(t);
  await readVia(dir, file, text);
  const cacheFile = join(dir, '..', '.fas', 'parsed-revisions.json');
  const doc = JSON.parse(await readFile(cacheFile, 'utf8')) as { version: string };
  await writeFile(cacheFile, JSON.stringify({ ...doc, version: 'other parser' }));
  t.deepEqual((await readVia(dir, file, text)).stats, { hits: 0, parsed: 1 });
  await writeFile(cacheFile, '{"version": ');
  t.deepEqual((await readVia(dir, file, text)).stats, { hits: 0, parsed: 1 });
});
