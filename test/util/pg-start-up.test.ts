/**
 * Loading the database client does not load Node's fetch (undici): pg's Cloudflare check would
 * construct a Response on Node 20, costing every command 25 ms or more of start-up. The navigator
 * put up for that check is gone afterwards.
 */
import test from 'ava';
import { execa } from 'execa';
import { join } from 'node:path';

// the compiled module, as bin/fas.js loads it
const DB = join(import.meta.dirname, '..', '..', 'dist', 'src', 'util', 'db.js');

test('importing src/util/db.ts loads no undici and leaves no global navigator behind', async (t) => {
  const script = `const before = typeof navigator; await import(${JSON.stringify(DB)}); console.log(JSON.stringify({ before, after: typeof navigator, undici: process.moduleLoadList.some((m) => m.includes('undici')) }));`;
  const r = await execa('node', ['--input-type=module', '-e', script]);
  const got = JSON.parse(r.stdout) as { before: string; after: string; undici: boolean };
  t.is(got.after, got.before);
  t.false(got.undici);
});
