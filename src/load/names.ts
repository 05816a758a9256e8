/** Keys for the loader's dependency graph. Keys are identities, never SQL. */
export const key = {
  schema: (s: string) => `schema:${s}`,
  extension: (e: string) => `ext:${e}`,
  rel: (s: string, n: string) => `rel:${s}.${n}`,
  type: (s: string, n: string) => `type:${s}.${n}`,
  funcName: (s: string, n: string) => `funcname:${s}.${n}`,
  func: (s: string, n: string, args: string) => `func:${s}.${n}(${args})`,
  trigger: (s: string, t: string, n: string) => `trigger:${s}.${t}.${n}`,
  policy: (s: string, t: string, n: string) => `policy:${s}.${t}.${n}`,
  constraint: (s: string, t: string, n: string) => `constraint:${s}.${t}.${n}`,
};

/** The schema of a key with a schema ("rel:s.n" -> "s"), else undefined. */
export function keySchema(k: string): string | undefined {
  const colon = k.indexOf(':');
  const kind = k.slice(0, colon);
  if (kind === 'schema' || kind === 'ext') return undefined;
  const rest = k.slice(colon + 1);
  const dot = rest.indexOf('.');
  return dot < 0 ? undefined : rest.slice(0, dot);
}

/** A possibly qualified name: the parts of a parse-tree name list. */
export interface QName {
  readonly schema: string | undefined;
  readonly name: string;
}

/** [String, String...] parse-tree name list -> QName (catalog.schema.name keeps the last two). */
export function qnameOf(list: unknown): QName | undefined {
  if (!Array.isArray(list)) return undefined;
  const parts = list.map((x) => (x as { String?: { sval?: string } }).String?.sval).filter((x): x is string => typeof x === 'string');
  if (parts.length === 0 || parts.length !== list.length) return undefined;
  const name = parts[parts.length - 1]!;
  return { schema: parts.length >= 2 ? parts[parts.length - 2] : undefined, name };
}
