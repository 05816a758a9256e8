/**
 * Whether ALTER COLUMN ... TYPE rewrites the table, by PostgreSQL's rules
 * (ATColumnChangeRequiresRewrite after the planner folds length coercions
 * through the types' support functions): no rewrite when the new type is
 * binary coercible from the old one (pg_cast castmethod 'b') and any type
 * modifier only relaxes (varchar_support, numeric_support, varbit_support,
 * timestamp_support, time_support). Types are format_type() strings.
 * And whether `USING col::newtype` can work at all: an explicit cast exists
 * (find_coercion_pathway: a pg_cast row, an I/O cast to or from a string
 * type, an array coercion of its elements).
 */
import { BUILTIN_CASTS, BUILTIN_TYPES, STRING_TYPES } from './builtin-casts.js';

interface ParsedType {
  readonly base: string;
  /** Type modifiers, e.g. [10, 2] for numeric(10,2); null when unconstrained. */
  readonly mods: readonly number[] | null;
  readonly array: boolean;
}

function parse(type: string): ParsedType {
  let t = type.trim();
  const array = t.endsWith('[]');
  if (array) t = t.slice(0, -2);
  const open = t.indexOf('(');
  if (open < 0) return { base: t, mods: null, array };
  const close = t.indexOf(')', open);
  const mods = t
    .slice(open + 1, close)
    .split(',')
    .map((x) => Number(x.trim()));
  // "timestamp(3) without time zone": the modifier sits before the suffix
  const base = `${t.slice(0, open)}${t.slice(close + 1)}`.trim();
  return { base, mods: mods.every((m) => Number.isInteger(m)) ? mods : null, array };
}

/** Casts PostgreSQL performs without a function (pg_cast.castmethod = 'b'), among column types. */
const BINARY_COERCIBLE: Record<string, readonly string[]> = {
  'character varying': ['text'],
  text: ['character varying'],
  cidr: ['inet'],
};

/** Length-limited types whose support function drops the coercion when the limit only grows. */
const GROWING_LIMIT = new Set(['character varying', 'bit varying']);
/** Precision types whose support function drops the coercion when the precision only grows. */
const GROWING_PRECISION = new Set(['timestamp without time zone', 'timestamp with time zone', 'time without time zone', 'time with time zone']);

function relaxes(base: string, from: readonly number[] | null, to: readonly number[] | null): boolean {
  if (to === null) return true; // unconstrained accepts everything
  if (from === null) return false; // a new limit must check every row
  if (GROWING_LIMIT.has(base) || GROWING_PRECISION.has(base)) return to[0]! >= from[0]!;
  if (base === 'numeric') return (from[1] ?? 0) === (to[1] ?? 0) && to[0]! >= from[0]!;
  return false;
}

/** Whether changing a column from `from` to `to` (same collation) makes PostgreSQL rewrite the table. */
export function typeChangeRewrites(from: string, to: string): boolean {
  if (from === to) return false;
  const a = parse(from);
  const b = parse(to);
  if (a.array || b.array) return true; // element coercions: stay on the safe side
  if (a.base === b.base) return !relaxes(a.base, a.mods, b.mods);
  if (!BINARY_COERCIBLE[a.base]?.includes(b.base)) return true;
  // text -> varchar(n) needs a length check of every row
  return b.mods !== null;
}

/**
 * Whether PostgreSQL has an explicit cast from `from` to `to` (format_type()
 * strings), so that ALTER COLUMN ... TYPE to USING col::to can run. A type
 * that is not built-in (an enum, a domain, an extension's type) is given the
 * benefit of the doubt: the planner casts user types through text, and a
 * failing value is a NARROWS_TYPE matter, not a missing cast.
 */
export function castExists(from: string, to: string): boolean {
  const a = parse(from);
  const b = parse(to);
  // array <-> scalar: only through text I/O, so only when the scalar side is a string type
  if (a.array !== b.array) return STRING_TYPES.has(a.array ? b.base : a.base);
  if (a.base === b.base) return true;
  if (!BUILTIN_TYPES.has(a.base) || !BUILTIN_TYPES.has(b.base)) return true;
  if (STRING_TYPES.has(a.base) || STRING_TYPES.has(b.base)) return true;
  // arrays: the element types' cast decides (ARRAYCOERCE)
  return BUILTIN_CASTS[a.base]?.includes(b.base) ?? false;
}
