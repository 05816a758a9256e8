/**
 * Attribute-level differences of one altered object, for text and JSON reports.
 * The differ's rule decides what differs (`comparable` in src/diff/diff.ts: column
 * order, option order and the printed form of expressions are not differences);
 * the values shown are the objects' own.
 */
import type { CatalogObject } from '../catalog/model.js';
import { comparable } from '../diff/diff.js';
import { deepEqual } from '../diff/equal.js';

export interface Detail {
  readonly path: string; // e.g. "columns.status.type", "definition", "comment"
  readonly from: unknown;
  readonly to: unknown;
}

function named(list: readonly unknown[]): Map<string, unknown> | null {
  const m = new Map<string, unknown>();
  for (const x of list) {
    if (!x || typeof x !== 'object' || typeof (x as { name?: unknown }).name !== 'string') return null;
    m.set((x as { name: string }).name, x);
  }
  return m;
}

export function details(from: CatalogObject, to: CatalogObject): Detail[] {
  const compared = new Set(walkDetails(comparable(from), comparable(to)).map((d) => d.path));
  return walkDetails(from, to).filter((d) => compared.has(d.path));
}

function walkDetails(from: unknown, to: unknown): Detail[] {
  const out: Detail[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (deepEqual(a, b)) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      const ma = named(a);
      const mb = named(b);
      if (ma && mb) {
        for (const [k, v] of ma) if (!mb.has(k)) out.push({ path: `${path}.${k}`, from: v, to: null });
        for (const [k, v] of mb) {
          if (!ma.has(k)) out.push({ path: `${path}.${k}`, from: null, to: v });
          else walk(ma.get(k), v, `${path}.${k}`);
        }
        return;
      }
    } else if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (k === 'position') continue;
        walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      }
      return;
    }
    out.push({ path, from: a ?? null, to: b ?? null });
  };
  walk(from, to, '');
  return out;
}
