/** The catalog queries, one .sql file each, read once from src/introspect/queries/. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

export const QUERY_NAMES = [
  'schemas',
  'extensions',
  'collations',
  'types',
  'relations',
  'columns',
  'constraints',
  'indexes',
  'sequences',
  'functions',
  'triggers',
  'policies',
  'default-acls',
  'acls',
  'depends',
  'unsupported',
] as const;

export type QueryName = (typeof QUERY_NAMES)[number];

/** Finds src/introspect/queries both from src (tsx) and from dist/src (compiled). */
function queriesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'src', 'introspect', 'queries');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('cannot find src/introspect/queries');
}

let cache: Record<QueryName, string> | undefined;

export function loadQueries(): Record<QueryName, string> {
  if (cache) return cache;
  const dir = queriesDir();
  const out = {} as Record<QueryName, string>;
  for (const name of QUERY_NAMES) out[name] = readFileSync(join(dir, `${name}.sql`), 'utf8');
  cache = out;
  return out;
}
