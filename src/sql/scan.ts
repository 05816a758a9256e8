/**
 * PostgreSQL's own scanner (libpg-query), synchronously: tokens with UTF-8 byte
 * offsets. For small rewrites of server-printed definitions, never regexes.
 */
import { loadModule, scanSync } from 'libpg-query';

// The synchronous scanner needs the WASM module loaded once.
await loadModule();

export interface Token {
  /** UTF-8 byte offsets into the scanned text. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly keywordName: string;
}

export function scanTokens(sql: string): Token[] {
  return (scanSync(sql) as unknown as { tokens: Token[] }).tokens;
}

/** Upper-cased token text, for keyword comparisons. */
export function word(t: Token | undefined): string {
  return t ? t.text.toUpperCase() : '';
}

/** The text between two byte offsets. */
export function slice(sql: string, start: number, end?: number): string {
  return Buffer.from(sql, 'utf8').subarray(start, end).toString('utf8');
}
