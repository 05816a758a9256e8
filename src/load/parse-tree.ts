/** Small readers of libpg-query parse trees shared by the loader's analysis: names, strings, references. */
import { BUILTIN_SCHEMAS, type Loc, type Use } from './types.js';
import { qnameOf, type QName } from './names.js';
import { ref } from '../catalog/ref.js';

export type Obj = Record<string, unknown>;
export const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

export function rangeVarName(rv: Obj): QName {
  return { schema: typeof rv.schemaname === 'string' ? rv.schemaname : undefined, name: String(rv.relname) };
}

export function show(q: QName): string {
  return q.schema ? `${q.schema}.${q.name}` : q.name;
}

/** The schema of a name; unqualified names are taken to be in public. */
export function schemaOf(q: QName): string {
  return q.schema ?? 'public';
}

/** A reference to a (possibly unqualified) name in one or more namespaces. */
export function refTo(q: QName, kinds: ('relname' | 'typename' | 'funcname')[], what: string, loc: Loc): Use | undefined {
  const schema = q.schema ?? 'public';
  if (BUILTIN_SCHEMAS.has(schema)) return undefined;
  return {
    targets: kinds.map((k) => ref.name(k, schema, q.name)),
    display: `${what} ${show(q)}`,
    loc,
    strict: q.schema !== undefined,
  };
}

export function listNames(obj: unknown): QName | undefined {
  if (isObj(obj) && isObj(obj.List)) return qnameOf((obj.List as Obj).items);
  return undefined;
}

export function stringOf(obj: unknown): string | undefined {
  return isObj(obj) && isObj(obj.String) && typeof (obj.String as Obj).sval === 'string' ? ((obj.String as Obj).sval as string) : undefined;
}
