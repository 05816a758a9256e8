/**
 * The size gate: a REWRITES_TABLE, INDEX_BUILD or VALIDATES_CONSTRAINT
 * hazard is refused (unless allowed by name) only on a table larger than the
 * limit of its type, in bytes (pg_table_size, summed over partitions), as the
 * target has it when apply starts. A rewrite holds ACCESS EXCLUSIVE for as
 * long as it copies (about 100 ms for 8 MB); an online index build or
 * validation blocks no writer but runs long on a large table.
 *
 * Limits: the defaults, then FAS_SIZE_LIMITS ("REWRITES_TABLE=8MB,INDEX_BUILD=1GB"),
 * then each --size-limit TYPE=SIZE.
 */
import { SIZED_HAZARDS, isSizedHazard, type SizedHazardType } from '../plan/hazards.js';
import { sizeOf, sizedTableOf } from '../plan/hazard-sizes.js';
import { describeSize, type TableSize, type TableSizes } from '../introspect/table-sizes.js';
import { parseSize } from '../util/size.js';
import { FasError } from '../util/errors.js';

export type SizeLimits = Readonly<Record<SizedHazardType, number>>;

const MB = 1024 ** 2;
const GB = 1024 ** 3;

export const DEFAULT_SIZE_LIMITS: SizeLimits = { REWRITES_TABLE: 8 * MB, INDEX_BUILD: GB, VALIDATES_CONSTRAINT: GB };

/** The limits from FAS_SIZE_LIMITS and the --size-limit flags (later ones win); a bad item is a CONFIG error. */
export function parseSizeLimits(flags: readonly string[], env: string | undefined): SizeLimits {
  const out: Record<SizedHazardType, number> = { ...DEFAULT_SIZE_LIMITS };
  const read = (text: string, what: string) => {
    for (const item of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const eq = item.indexOf('=');
      if (eq < 0) throw new FasError('CONFIG', `${what}: expected TYPE=SIZE (e.g. REWRITES_TABLE=8MB); got ${JSON.stringify(item)}`);
      const type = item.slice(0, eq).trim().toUpperCase();
      if (!isSizedHazard(type as SizedHazardType)) throw new FasError('CONFIG', `${what}: ${item.slice(0, eq).trim()} has no size limit (one of ${SIZED_HAZARDS.join(', ')})`);
      out[type as SizedHazardType] = parseSize(item.slice(eq + 1), `${what} ${type}`);
    }
  };
  if (env !== undefined) read(env, 'FAS_SIZE_LIMITS');
  for (const f of flags) read(f, '--size-limit');
  return out;
}

export interface SizeVerdict {
  readonly type: SizedHazardType;
  /** "schema.name"; null when the statement names no table (ALTER DOMAIN ... ADD CONSTRAINT, VACUUM FULL of a database). */
  readonly table: string | null;
  /** At apply start; null when the target does not hold the table yet (created by the same run: it counts as empty), or when it was locked. */
  readonly size: TableSize | null;
  /** Another session held a lock that kept fas from reading the size: it counts as larger than the limit. */
  readonly locked: boolean;
  readonly limit: number;
  /** Larger than the limit, or of unknown size (no table named, or locked): refused unless allowed by name. */
  readonly overLimit: boolean;
}

/** How a sized hazard of `type` on the statement `sql` stands against its limit. The parser must be loaded (loadParser). */
export function sizeVerdict(sql: string, type: SizedHazardType, p: { readonly sizes: TableSizes; readonly locked: ReadonlySet<string>; readonly limits: SizeLimits }): SizeVerdict {
  const limit = p.limits[type];
  const table = sizedTableOf(sql);
  if (!table) return { type, table: null, size: null, locked: false, limit, overLimit: true };
  if (table.keys.some((k) => p.locked.has(k))) return { type, table: table.name, size: null, locked: true, limit, overLimit: true };
  const size = sizeOf(p.sizes, table) ?? null;
  return { type, table: table.name, size, locked: false, limit, overLimit: (size?.bytes ?? 0) > limit };
}

function sizeText(bytes: number): string {
  return describeSize({ rows: null, bytes, heapBytes: bytes });
}

/** "public.big: ~200.0k rows, 10 MB at apply start, larger than the REWRITES_TABLE limit of 8.0 MB" */
export function describeVerdict(v: SizeVerdict): string {
  const limit = `the ${v.type} limit of ${sizeText(v.limit)}`;
  if (v.table === null) return `names no table, so its size is unknown: counts as larger than ${limit}`;
  if (v.locked) return `${v.table}: another session held a lock that kept fas from reading its size: counts as larger than ${limit}`;
  if (v.size === null) return `${v.table} does not exist yet at apply start: empty, within ${limit}`;
  return `${v.table}: ${describeSize(v.size)} at apply start, ${v.overLimit ? 'larger than' : 'within'} ${limit}`;
}
