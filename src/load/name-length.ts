/**
 * PostgreSQL cuts identifiers longer than 63 bytes (NAMEDATALEN - 1) with only a
 * NOTICE: two long names can then collide, and the database holds a name the
 * schema files do not. fas refuses such names at file:line:col instead.
 */
import { scan } from 'libpg-query';
import { FasError, formatLocation } from '../util/errors.js';
import type { TableSpec } from './table-spec.js';
import type { Loc } from './types.js';

export const MAX_IDENTIFIER_BYTES = 63;

interface Token {
  readonly start: number;
  readonly tokenName: string;
  readonly text: string;
}

/** The name an identifier token stands for: quoted ones lose their quotes, "" is one quote. */
function identifierOf(t: Token): string | undefined {
  if (t.tokenName !== 'IDENT') return undefined;
  return t.text.startsWith('"') ? t.text.slice(1, -1).replace(/""/g, '"') : t.text;
}

/**
 * The first identifier longer than 63 bytes in a statement, with its byte
 * offset. Read from the lexer's tokens: the parse tree holds names already cut.
 */
export async function longIdentifier(sql: string): Promise<{ name: string; at: number } | undefined> {
  for (const t of (await scan(sql)).tokens) {
    const name = identifierOf(t);
    if (name !== undefined && Buffer.byteLength(name, 'utf8') > MAX_IDENTIFIER_BYTES) return { name, at: t.start };
  }
  return undefined;
}

const tooLong = (s: string | undefined): s is string => s !== undefined && Buffer.byteLength(s, 'utf8') > MAX_IDENTIFIER_BYTES;

export function nameTooLong(name: string, loc: Loc, what = 'identifier'): FasError {
  const bytes = Buffer.byteLength(name, 'utf8');
  return new FasError(
    'NAME_TOO_LONG',
    `${formatLocation(loc)}: ${what} "${name}" is ${bytes} bytes; PostgreSQL keeps only ${MAX_IDENTIFIER_BYTES} and would cut it silently (shorten it)`,
    { location: loc },
  );
}

/** Names in a YAML table: the table, its columns, keys, checks and indexes. */
export function checkTableNames(t: TableSpec): void {
  const check = (name: string | undefined, loc: Loc, what: string) => {
    if (tooLong(name)) throw nameTooLong(name, loc, what);
  };
  check(t.schema, t.loc, 'schema name');
  check(t.name, t.loc, 'table name');
  for (const c of t.columns) check(c.name, c.loc, 'column name');
  const keys = [...(t.primaryKey ? [t.primaryKey] : []), ...t.unique, ...t.foreignKeys];
  for (const k of keys) check(k.name, k.loc, 'constraint name');
  for (const c of t.checks) check(c.name, c.loc, 'constraint name');
  for (const i of t.indexes) check(i.name, i.loc, 'index name');
}
