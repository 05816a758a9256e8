/**
 * libpg-query's parseSync, remembered by statement text: the statements of a
 * plan are parsed for the table a sized hazard touches and again by the
 * single-statement check, and in fas apply for every revision's sizes. The
 * trees are shared between callers: read them, never change them. A text
 * that does not parse is not remembered (its error is thrown each time).
 */
import { loadModule, parseSync, scanSync } from 'libpg-query';

type Tree = ReturnType<typeof parseSync>;

/** Enough for the statements of a 3,000-table revision; beyond, it starts again. */
const LIMIT = 50_000;
const memo = new Map<string, Tree>();

/** The parse tree of `sql` (call libpg-query's loadModule first). */
export function parseSyncOnce(sql: string): Tree {
  let tree = memo.get(sql);
  if (tree === undefined) {
    tree = parseSync(sql);
    if (memo.size >= LIMIT) memo.clear();
    memo.set(sql, tree);
  }
  return tree;
}

/**
 * Loads the parser, then parses and scans once. The first parse of a process costs about 12 ms
 * more than the next ones (the parser's one-time set-up inside the WebAssembly module), the first
 * scan a few ms: a stage that loads while fas waits for the servers calls this, so that the
 * plan's first parse and scan do not pay it.
 */
export async function warmParser(): Promise<void> {
  await loadModule();
  parseSync('SELECT');
  scanSync('SELECT');
}
