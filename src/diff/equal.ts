/**
 * Structural equality of frozen catalog values (plain objects, arrays, primitives).
 * Keys are walked with for-in and counted, not listed with Object.keys: a diff of two
 * 1,000-table catalogs compares some 150,000 objects, and two key arrays each cost more
 * than the comparison. Catalog values are plain objects, with no inherited enumerable key.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let keys = 0;
  for (const k in x) {
    keys++;
    if (!deepEqual(x[k], y[k])) return false;
  }
  for (const _ in y) keys--;
  return keys === 0;
}
