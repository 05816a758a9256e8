/** Run loaded statements in a (scratch) database; server errors point back into the source files. */
import type pg from 'pg';
import { FasError, formatLocation, type ErrorCode } from '../util/errors.js';
import type { Loc, LoadedSource, SourceStatement } from './types.js';

const CODES: Record<string, ErrorCode> = {
  '42704': 'UNKNOWN_TYPE', // undefined_object (types, and also roles, collations...)
  '42P01': 'UNDECLARED_REFERENCE', // undefined_table
  '3F000': 'UNDECLARED_REFERENCE', // invalid_schema_name
  '42883': 'UNDECLARED_REFERENCE', // undefined_function
  '42P07': 'DUPLICATE_OBJECT', // duplicate_table
  '42710': 'DUPLICATE_OBJECT', // duplicate_object
  '42723': 'DUPLICATE_OBJECT', // duplicate_function
  '42P06': 'DUPLICATE_OBJECT', // duplicate_schema
};

/** Where a 1-based character position of a statement's text sits in its source file. */
export function locateInStatement(s: SourceStatement, position: number | undefined): Loc {
  const at: Loc = { file: s.file, line: s.line, column: s.column };
  if (position === undefined || !Number.isFinite(position) || position < 1) return at;
  const chars = Array.from(s.sql);
  const index = chars.slice(0, position - 1).join('').length; // code points -> UTF-16 index
  if (s.spans) {
    const span = s.spans.find((sp) => index >= sp.start && index < sp.end);
    return span ? { file: s.file, line: span.line, column: span.column } : at;
  }
  const before = chars.slice(0, position - 1).join('').split('\n');
  if (before.length === 1) return { file: s.file, line: s.line, column: s.column + before[0]!.length };
  return { file: s.file, line: s.line + before.length - 1, column: before[before.length - 1]!.length + 1 };
}

interface PgError {
  code?: string;
  message: string;
  position?: string;
  detail?: string;
  hint?: string;
}

export async function runLoadedSource(client: pg.Client, loaded: LoadedSource): Promise<void> {
  for (const s of loaded.statements) await runStatement(client, s);
}

/** Run one statement; a server error becomes a FasError at the statement's file:line:col (the server's `cause` kept). */
export async function runStatement(client: pg.Client, s: SourceStatement): Promise<void> {
  try {
    await client.query(s.sql);
  } catch (e) {
    const err = e as PgError;
    if (typeof err.code !== 'string') throw e;
    const loc = locateInStatement(s, err.position === undefined ? undefined : Number(err.position));
    const extra = [err.detail && `detail: ${err.detail}`, err.hint && `hint: ${err.hint}`].filter(Boolean).join('; ');
    const firstLine = s.sql.split('\n')[0]!;
    const message = `${formatLocation(loc)}: ${err.message} [${err.code}]${extra ? ` (${extra})` : ''} in: ${firstLine}${s.sql.includes('\n') ? ' ...' : ''}`;
    throw new FasError(CODES[err.code] ?? 'SQL_EXEC', message, { cause: e, location: loc });
  }
}
