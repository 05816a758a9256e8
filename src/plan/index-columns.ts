/**
 * The columns an index definition (pg_get_indexdef) names, read from its parse
 * tree: key columns, columns in key expressions, INCLUDE columns and the
 * partial-index predicate. PostgreSQL drops such an index with any of them.
 * Also the columns a partition key (pg_get_partkeydef) names, plain or in an
 * expression: PostgreSQL cannot change their type.
 */
import { loadModule } from 'libpg-query';
import { parseSyncOnce } from '../sql/parse-memo.js';

await loadModule();

function collect(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) {
    for (const x of node) collect(x, out);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  const elem = (o.IndexElem ?? o.PartitionElem) as { name?: unknown } | undefined;
  if (elem && typeof elem.name === 'string') out.add(elem.name);
  const ref = o.ColumnRef as { fields?: { String?: { sval?: string } }[] } | undefined;
  const last = ref?.fields?.[ref.fields.length - 1]?.String?.sval;
  if (last !== undefined) out.add(last);
  for (const v of Object.values(o)) if (v && typeof v === 'object') collect(v, out);
}

/** Column names an index uses; empty when the definition does not parse. */
export function indexColumns(definition: string): ReadonlySet<string> {
  const out = new Set<string>();
  try {
    // remembered: the planner asks again when it plans twice (sized-plan.ts), and the check parses
    // the same text when the statement is the definition itself
    collect(parseSyncOnce(definition), out);
  } catch {
    // not an index definition we can read: no columns claimed
  }
  return out;
}

/** Column names a partition key ("RANGE (a)", "LIST (lower(b))") uses; empty when it does not parse. */
export function partitionKeyColumns(key: string): ReadonlySet<string> {
  return indexColumns(`CREATE TABLE x () PARTITION BY ${key}`);
}
