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
