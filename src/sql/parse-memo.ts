/**
 * libpg-query's parseSync, remembered by statement text: the statements of a
 * plan are parsed for the table a sized hazard touches and again by the
 * single-statement check, and in fas apply for every revision's sizes. The
 * trees are shared between callers: read them, never change them. A text
 * that does not parse is not remembered (its error is thrown each time).
 */
import { parseSync } from 'libpg-query';

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
