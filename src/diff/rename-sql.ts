/**
 * Following a rename inside definitions PostgreSQL printed (view bodies, index,
 * constraint, trigger and policy definitions, defaults). PostgreSQL stores these
 * as trees, so after ALTER ... RENAME it prints the new name; to compare the
 * renamed current state with the desired one without a server, the same change
 * is made here on the tokens of the real PostgreSQL scanner (libpg-query).
 *
 * When a rewrite misses a spot, the object compares unequal and is re-created:
 * slower, never wrong, and verification replays the result.
 */
import { scanSync } from 'libpg-query';
import { ident, literal } from '../sql/quote.js';

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The name an identifier or keyword token stands for; undefined for other tokens. */
  readonly name?: string;
  /** The value of a string constant. */
  readonly value?: string;
}

function scan(sql: string): Tok[] | null {
  let raw;
  try {
    raw = scanSync(sql).tokens;
  } catch {
    return null; // scanner not loaded or text it cannot read: leave the text as it is
  }
  return raw.map((t) => {
    const text = t.text;
    if (t.tokenName === 'IDENT') return { start: t.start, end: t.end, text, name: text.startsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text };
    if (t.keywordKind > 0) return { start: t.start, end: t.end, text, name: text.toLowerCase() };
    if (t.tokenName === 'SCONST' && text.startsWith("'")) return { start: t.start, end: t.end, text, value: text.slice(1, -1).replaceAll("''", "'") };
    return { start: t.start, end: t.end, text };
  });
}

/** Replace tokens: `pick(toks, i)` returns the new text of token i, or undefined to keep it. */
export function rewriteTokens(sql: string, pick: (toks: readonly Tok[], i: number) => string | undefined): string {
  const toks = scan(sql);
  if (!toks) return sql;
  const buf = Buffer.from(sql, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  let changed = false;
  toks.forEach((_, i) => {
    const r = pick(toks, i);
    if (r === undefined) return;
    parts.push(buf.subarray(at, toks[i]!.start), Buffer.from(r, 'utf8'));
    at = toks[i]!.end;
    changed = true;
  });
  if (!changed) return sql;
  parts.push(buf.subarray(at));
  return Buffer.concat(parts).toString('utf8');
}

const isDot = (t: Tok | undefined) => t?.text === '.';

/**
 * schema.from -> schema.to wherever it is qualified; with `qualifier`, also a bare
 * `from.` that qualifies a column (a view's reference to a renamed table);
 * a string constant 'schema.from' (a regclass literal such as nextval's) follows too.
 */
export function renameQualified(sql: string, schema: string, from: string, to: string, qualifier = false): string {
  return rewriteTokens(sql, (toks, i) => {
    const t = toks[i]!;
    if (t.value !== undefined) {
      const forms = [`${schema}.${from}`, `${ident(schema)}.${ident(from)}`];
      return forms.includes(t.value) ? literal(`${ident(schema)}.${ident(to)}`) : undefined;
    }
    if (t.name !== from) return undefined;
    if (isDot(toks[i - 1]) && toks[i - 2]?.name === schema && !isDot(toks[i - 3])) return ident(to);
    if (qualifier && !isDot(toks[i - 1]) && isDot(toks[i + 1])) return ident(to);
    return undefined;
  });
}

/**
 * A column name: bare occurrences (not part of a qualified name), and
 * `q.from` where q is one of `qualifiers` (the table's own name, NEW/OLD in triggers).
 */
export function renameColumn(sql: string, from: string, to: string, qualifiers: readonly string[] = []): string {
  return rewriteTokens(sql, (toks, i) => {
    const t = toks[i]!;
    if (t.name !== from || isDot(toks[i + 1])) return undefined;
    if (!isDot(toks[i - 1])) return ident(to);
    const q = toks[i - 2]?.name;
    return q !== undefined && qualifiers.includes(q) && !isDot(toks[i - 3]) ? ident(to) : undefined;
  });
}

/** Column names inside the parentheses that follow `REFERENCES schema.table`. */
export function renameReferencedColumn(sql: string, schema: string, table: string, from: string, to: string): string {
  let inside = false;
  return rewriteTokens(sql, (toks, i) => {
    const t = toks[i]!;
    if (t.text === '(' && toks[i - 1]?.name === table && isDot(toks[i - 2]) && toks[i - 3]?.name === schema && toks[i - 4]?.name === 'references') inside = true;
    else if (t.text === ')') inside = false;
    return inside && t.name === from ? ident(to) : undefined;
  });
}

/** The part of a foreign key definition before REFERENCES (its own columns). */
export function renameLocalColumn(sql: string, from: string, to: string): string {
  let before = true;
  return rewriteTokens(sql, (toks, i) => {
    const t = toks[i]!;
    if (t.name === 'references') before = false;
    return before && t.name === from && !isDot(toks[i - 1]) && !isDot(toks[i + 1]) ? ident(to) : undefined;
  });
}

/** 'from'::schema.type -> 'to'::schema.type (an enum value renamed). */
export function renameEnumValue(sql: string, schema: string, type: string, from: string, to: string): string {
  return rewriteTokens(sql, (toks, i) => {
    const t = toks[i]!;
    if (t.value !== from || toks[i + 1]?.text !== '::') return undefined;
    return toks[i + 2]?.name === schema && isDot(toks[i + 3]) && toks[i + 4]?.name === type ? literal(to) : undefined;
  });
}

/** The name of a CREATE INDEX definition (the token after INDEX [CONCURRENTLY] [IF NOT EXISTS]). */
export function renameIndexName(sql: string, from: string, to: string): string {
  let done = false;
  return rewriteTokens(sql, (toks, i) => {
    if (done) return undefined;
    const t = toks[i]!;
    if (t.name === from && toks[i + 1]?.name === 'on') {
      done = true;
      return ident(to);
    }
    return undefined;
  });
}
