/**
 * A Catalog as JSON and back. The model is plain frozen objects, arrays and
 * Maps; Maps are written as `{ "$map": [[key, value], ...] }` (insertion order
 * kept) and everything comes back deep-frozen, as the introspector builds it.
 */
import type { Catalog } from '../catalog/model.js';

const MAP = '$map';

export function catalogToJson(catalog: Catalog): string {
  return JSON.stringify(catalog, (_key, value: unknown) => (value instanceof Map ? { [MAP]: [...value.entries()] } : value));
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    if (v instanceof Map) for (const x of v.values()) deepFreeze(x);
    else for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/** Parses what catalogToJson wrote; throws on anything that is not a catalog document. */
export function catalogFromJson(text: string): Catalog {
  const parsed = JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = (value as Record<string, unknown>)[MAP];
      if (Array.isArray(entries) && Object.keys(value).length === 1) return new Map(entries as [unknown, unknown][]);
    }
    return value;
  }) as Catalog;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.serverVersion !== 'number' || !(parsed.tables instanceof Map) || !(parsed.dependsOn instanceof Map))
    throw new Error('not a serialized catalog');
  return deepFreeze(parsed);
}
