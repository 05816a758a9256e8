/**
 * The one place where identifiers are quoted. Everything that prints a name
 * into generated SQL goes through `ident` or `qualified`.
 */
import { KEYWORDS_NEEDING_QUOTES } from './keywords.js';

const SIMPLE = /^[a-z_][a-z0-9_$]*$/;

/** Quote an identifier only where PostgreSQL needs it. */
export function ident(name: string): string {
  if (SIMPLE.test(name) && !KEYWORDS_NEEDING_QUOTES.has(name)) return name;
  return '"' + name.replaceAll('"', '""') + '"';
}

/** schema.name, each part quoted only where needed. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** A SQL string literal. */
export function literal(value: string): string {
  if (value.includes('\\')) return "E'" + value.replaceAll('\\', '\\\\').replaceAll("'", "''") + "'";
  return "'" + value.replaceAll("'", "''") + "'";
}

/** A role name as it appears in GRANT/REVOKE: PUBLIC is a keyword, never quoted. */
export function roleName(role: string): string {
  return role === 'PUBLIC' ? 'PUBLIC' : ident(role);
}
