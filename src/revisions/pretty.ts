/**
 * Pretty-printing of revision statements, the way pg_dump prints them: a
 * CREATE TABLE has one column or constraint per line, and any line longer than
 * 120 characters is wrapped between tokens. Only whitespace between tokens
 * changes (never inside a literal or a dollar-quoted body), and the result is
 * checked with the real parser: its parse tree must equal the original's, or
 * the statement is kept as it was.
 */
import { stripLocations } from './content-fingerprint.js';
import { loadModule, parseSync, scanSync } from 'libpg-query';
import type { Statement } from '../plan/statement.js';

await loadModule();

export const MAX_LINE = 120;
/** Wrap one short of the limit: the statement's last line gets its ';'. */
const WRAP_AT = MAX_LINE - 1;
const INDENT = '    ';

interface Tok {
  readonly start: number; // UTF-8 byte offsets
  readonly end: number;
  readonly text: string;
  readonly tokenName: string;
}

function tokens(sql: string): Tok[] {
  return (scanSync(sql) as unknown as { tokens: Tok[] }).tokens;
}

/** Rebuild `buf` with the whitespace gap before token i replaced where `gaps` says. */
function rebuild(buf: Buffer, toks: readonly Tok[], gaps: ReadonlyMap<number, string>): string {
  const parts: Buffer[] = [];
  let pos = 0;
  toks.forEach((t, i) => {
    const g = gaps.get(i);
    if (g !== undefined && i > 0) {
      parts.push(buf.subarray(pos, toks[i - 1]!.end), Buffer.from(g));
      pos = t.start;
    }
  });
  parts.push(buf.subarray(pos));
  return Buffer.concat(parts).toString('utf8');
}

/** Whether the gap before token i holds only spaces and tabs (no comment, no newline). */
function plainGap(buf: Buffer, toks: readonly Tok[], i: number): boolean {
  if (i === 0) return false;
  for (let p = toks[i - 1]!.end; p < toks[i]!.start; p++) if (buf[p] !== 0x20 && buf[p] !== 0x09) return false;
  return true;
}

/** CREATE TABLE name ( a, b, c ): one element per line, indented like pg_dump. */
export function layoutCreateTable(sql: string): string {
  const buf = Buffer.from(sql, 'utf8');
  const toks = tokens(sql);
  const up = (i: number) => toks[i]?.text.toUpperCase() ?? '';
  let i = 0;
  if (up(i++) !== 'CREATE') return sql;
  while (i < toks.length && ['UNLOGGED', 'TEMP', 'TEMPORARY', 'GLOBAL', 'LOCAL'].includes(up(i))) i++;
  if (up(i++) !== 'TABLE') return sql;
  if (up(i) === 'IF' && up(i + 1) === 'NOT' && up(i + 2) === 'EXISTS') i += 3;
  // a qualified name: name ( . name )*
  i++;
  while (toks[i]?.text === '.' && toks[i + 1]) i += 2;
  if (toks[i]?.text !== '(') return sql;
  const open = i;
  const gaps = new Map<number, string>();
  let depth = 0;
  let close = -1;
  for (let k = open; k < toks.length && close < 0; k++) {
    const t = toks[k]!.text;
    if (t === '(' || t === '[') depth++;
    else if (t === ')' || t === ']') {
      depth--;
      if (depth === 0) close = k;
    } else if (t === ',' && depth === 1 && toks[k + 1]) gaps.set(k + 1, `\n${INDENT}`);
  }
  if (close < 0 || close === open + 1) return sql;
  gaps.set(open + 1, `\n${INDENT}`);
  gaps.set(close, '\n');
  for (const k of gaps.keys()) if (!plainGap(buf, toks, k) && buf.subarray(toks[k - 1]!.end, toks[k]!.start).length > 0) return sql;
  return rebuild(buf, toks, gaps);
}

const isString = (t: Tok | undefined) => t?.tokenName === 'SCONST' || t?.tokenName === 'USCONST' || t?.tokenName === 'BCONST' || t?.tokenName === 'XCONST';

const PREFER_BEFORE = new Set(['AND', 'OR', 'WHERE', 'USING', 'INCLUDE', 'ON', 'FROM', 'REFERENCES', 'DEFERRABLE', 'WITH']);

/**
 * Wrap lines longer than MAX_LINE at spaces between tokens. Each break goes at
 * the shallowest parenthesis depth that fits (after a comma or before AND/OR
 * when it can), and continuation lines are indented one step deeper.
 */
export function wrapLongLines(sql: string): string {
  const buf = Buffer.from(sql, 'utf8');
  const toks = tokens(sql);
  const gaps = new Map<number, string>();
  const lineStarts = [0];
  for (let p = 0; p < buf.length; p++) if (buf[p] === 0x0a) lineStarts.push(p + 1);
  let k0 = 0;
  for (let l = 0; l < lineStarts.length; l++) {
    const ls = lineStarts[l]!;
    const le = l + 1 < lineStarts.length ? lineStarts[l + 1]! - 1 : buf.length;
    while (k0 < toks.length && toks[k0]!.start < ls) k0++;
    let k1 = k0;
    while (k1 < toks.length && toks[k1]!.start < le) k1++;
    const colOf = (byte: number) => buf.subarray(ls, byte).toString('utf8').length;
    const lineLen = colOf(le);
    if (lineLen <= WRAP_AT || k1 - k0 < 2) continue;
    const indent = /^[ ]*/.exec(buf.subarray(ls, le).toString('utf8'))![0];
    const cont = indent + INDENT;
    const depth: number[] = [];
    let d = 0;
    for (let k = k0; k < k1; k++) {
      depth[k] = d;
      const t = toks[k]!.text;
      if (t === '(' || t === '[') d++;
      else if (t === ')' || t === ']') d--;
    }
    let segStart = 0; // original column where the current output line starts
    let offset = 0; // its column in the output
    for (;;) {
      if (lineLen - segStart + offset <= WRAP_AT) break;
      let best = -1;
      let bestScore = Infinity;
      let firstFit = -1;
      for (let k = k0 + 1; k < k1; k++) {
        const t = toks[k]!;
        const prev = toks[k - 1]!;
        if (colOf(t.start) <= segStart || prev.end === t.start || !plainGap(buf, toks, k)) continue;
        if ((isString(prev) && isString(t)) || prev.tokenName === 'SQL_COMMENT') continue; // 'a' 'b' joins only across a newline
        const outCol = colOf(prev.end) - segStart + offset;
        if (outCol <= offset + 16) continue;
        if (outCol > WRAP_AT) {
          if (firstFit < 0 && best < 0) firstFit = k;
          break;
        }
        const bonus = prev.text === ',' || PREFER_BEFORE.has(t.text.toUpperCase()) ? 0.5 : 0;
        const score = (depth[k]! - bonus) * 1000 - outCol;
        if (score <= bestScore) [best, bestScore] = [k, score];
      }
      const chosen = best >= 0 ? best : firstFit;
      if (chosen < 0) break; // nothing to break on: a long literal
      gaps.set(chosen, `\n${cont}`);
      segStart = colOf(toks[chosen]!.start);
      offset = cont.length;
    }
  }
  return gaps.size ? rebuild(buf, toks, gaps) : sql;
}

export function sameTree(a: string, b: string): boolean {
  try {
    return JSON.stringify(stripLocations(parseSync(a))) === JSON.stringify(stripLocations(parseSync(b)));
  } catch {
    return false;
  }
}

/** The statement laid out for reading; the original when layout would change its parse tree. */
export function prettySql(sql: string): string {
  let out: string;
  try {
    out = wrapLongLines(layoutCreateTable(sql));
  } catch {
    return sql;
  }
  return out !== sql && sameTree(sql, out) ? out : sql;
}

export function prettyStatements(statements: readonly Statement[]): Statement[] {
  return statements.map((s) => ({ ...s, sql: prettySql(s.sql) }));
}
