/**
 * Rewrites of a CREATE INDEX statement as pg_get_indexdef() prints it, done on
 * the tokens of PostgreSQL's own scanner (libpg-query), never on raw text:
 * add CONCURRENTLY, give the index another name.
 */
import { ident } from './quote.js';
import { scanTokens as tokens } from './scan.js';

/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON ...` -> the same with CONCURRENTLY
 * and, when `rename` is given, the index named `rename` (unqualified, as CREATE INDEX requires).
 */
export function concurrentIndexSql(definition: string, rename?: string): string {
  const buf = Buffer.from(definition, 'utf8');
  const toks = tokens(definition);
  const at = toks.findIndex((t) => t.text.toUpperCase() === 'INDEX');
  const head = toks.slice(0, at).map((t) => t.text.toUpperCase());
  if (at < 0 || head[0] !== 'CREATE' || !(head.length === 1 || (head.length === 2 && head[1] === 'UNIQUE'))) {
    throw new Error(`not a CREATE INDEX statement: ${definition.slice(0, 80)}`);
  }
  let i = at + 1;
  if (toks[i]?.text.toUpperCase() === 'CONCURRENTLY') i++;
  const name = toks[i];
  if (!name || name.text.toUpperCase() === 'ON') throw new Error(`CREATE INDEX without a name: ${definition.slice(0, 80)}`);
  const before = buf.subarray(0, toks[at]!.end).toString('utf8');
  const after = buf.subarray(name.end).toString('utf8');
  const nameSql = rename === undefined ? buf.subarray(name.start, name.end).toString('utf8') : ident(rename);
  return `${before} CONCURRENTLY ${nameSql}${after}`;
}
