/**
 * Reading constraint definitions as pg_get_constraintdef() prints them, on the
 * tokens of PostgreSQL's scanner: whether one is NOT VALID, and the parts of a
 * UNIQUE / PRIMARY KEY definition needed to build its index separately.
 */
import { type Token, scanTokens, slice, word } from './scan.js';

/** Whether the definition ends in NOT VALID (the constraint is not validated). */
export function isNotValid(definition: string): boolean {
  const t = scanTokens(definition);
  return word(t[t.length - 2]) === 'NOT' && word(t[t.length - 1]) === 'VALID';
}

/** The index of the token closing the parenthesis opened at `open`, or -1. */
function closing(toks: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < toks.length; i++) {
    if (toks[i]!.text === '(') depth++;
    else if (toks[i]!.text === ')' && --depth === 0) return i;
  }
  return -1;
}

export interface KeyParts {
  readonly kind: 'UNIQUE' | 'PRIMARY KEY';
  /** "(a, b)" */
  readonly columns: string;
  readonly nullsNotDistinct: boolean;
  /** "INCLUDE (c)" or "" */
  readonly include: string;
  /** "WITH (fillfactor='70')" or "" */
  readonly storage: string;
  /** "DEFERRABLE INITIALLY DEFERRED" or "" */
  readonly attributes: string;
}

/**
 * `UNIQUE [NULLS [NOT] DISTINCT] (cols) [INCLUDE (cols)] [WITH (...)] [[NOT] DEFERRABLE] [INITIALLY ...]`
 * or `PRIMARY KEY (cols) ...`; null for anything else (a tablespace, WITHOUT OVERLAPS, ...).
 */
export function keyParts(definition: string): KeyParts | null {
  const toks = scanTokens(definition);
  let i = 0;
  let kind: KeyParts['kind'];
  if (word(toks[0]) === 'UNIQUE') {
    kind = 'UNIQUE';
    i = 1;
  } else if (word(toks[0]) === 'PRIMARY' && word(toks[1]) === 'KEY') {
    kind = 'PRIMARY KEY';
    i = 2;
  } else return null;
  let nullsNotDistinct = false;
  if (word(toks[i]) === 'NULLS') {
    nullsNotDistinct = word(toks[i + 1]) === 'NOT';
    i += nullsNotDistinct ? 3 : 2;
  }
  const group = (): string | null => {
    if (toks[i]?.text !== '(') return null;
    const end = closing(toks, i);
    if (end < 0) return null;
    const text = slice(definition, toks[i]!.start, toks[end]!.end);
    i = end + 1;
    return text;
  };
  const columns = group();
  if (columns === null) return null;
  let include = '';
  if (word(toks[i]) === 'INCLUDE') {
    i++;
    const g = group();
    if (g === null) return null;
    include = `INCLUDE ${g}`;
  }
  let storage = '';
  if (word(toks[i]) === 'WITH') {
    i++;
    const g = group();
    if (g === null) return null;
    storage = `WITH ${g}`;
  }
  const rest = toks.slice(i).map(word);
  const allowed = new Set(['NOT', 'DEFERRABLE', 'INITIALLY', 'DEFERRED', 'IMMEDIATE']);
  if (!rest.every((w) => allowed.has(w))) return null;
  return { kind, columns, nullsNotDistinct, include, storage, attributes: rest.join(' ') };
}
