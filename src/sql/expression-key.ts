/**
 * A comparison key for definitions that PostgreSQL prints in a form which,
 * run again, is stored differently: `status IN ('a', 'b')` on a varchar column
 * prints as `(ARRAY['a'::character varying, ...])::text[]`, and that text, run
 * again, is stored as `ARRAY[('a'::character varying)::text, ...]`. Both mean
 * the same; the key is the parse tree (real parser) without locations, with a
 * cast of an ARRAY[...] constructor pushed down onto its elements.
 */
import { loadModule, parseSync } from 'libpg-query';

await loadModule();

type Node = Record<string, unknown>;

export type DefinitionKind = 'constraint' | 'domain-constraint' | 'expression' | 'statement';

function wrap(kind: DefinitionKind, text: string): string {
  switch (kind) {
    case 'constraint':
      return `ALTER TABLE x ADD CONSTRAINT c ${text}`;
    case 'domain-constraint':
      return `ALTER DOMAIN x ADD CONSTRAINT c ${text}`;
    case 'expression':
      return `SELECT ${text}`;
    case 'statement':
      return text;
  }
}

function pushDownArrayCast(cast: Node): Node | null {
  const arr = (cast.arg as Node | undefined)?.A_ArrayExpr as { elements?: unknown[] } | undefined;
  const typeName = cast.typeName as Node | undefined;
  const bounds = typeName?.arrayBounds as unknown[] | undefined;
  if (!arr || !typeName || !bounds?.length) return null;
  const rest = bounds.slice(1);
  const { arrayBounds: _drop, ...base } = typeName;
  const elementType = rest.length ? { ...base, arrayBounds: rest } : base;
  return { A_ArrayExpr: { ...arr, elements: (arr.elements ?? []).map((e) => ({ TypeCast: { arg: e, typeName: elementType } })) } };
}

function canonical(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(canonical);
  if (!node || typeof node !== 'object') return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) {
    if (k === 'location' || k === 'stmt_location' || k === 'stmt_len' || k === 'list_start' || k === 'list_end') continue;
    out[k] = canonical(v);
  }
  const cast = out.TypeCast as Node | undefined;
  if (cast) {
    const pushed = pushDownArrayCast(cast);
    if (pushed) return canonical(pushed);
  }
  return out;
}

const cache = new Map<string, string>();

/** The comparison key of a definition; the text itself when the parser cannot read it. */
export function definitionKey(kind: DefinitionKind, text: string): string {
  // only definitions with a cast of an array constructor can differ in form alone
  if (!text.includes('ARRAY[') || !text.includes('::')) return text;
  const k = `${kind}\u0000${text}`;
  let key = cache.get(k);
  if (key === undefined) {
    try {
      key = JSON.stringify(canonical(parseSync(wrap(kind, text))));
    } catch {
      key = text;
    }
    cache.set(k, key);
  }
  return key;
}

/** Whether two definitions mean the same (equal text, or equal keys). */
export function sameDefinition(kind: DefinitionKind, a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return definitionKey(kind, a) === definitionKey(kind, b);
}
