/**
 * Definitions as the differ compares them: by meaning after a round trip
 * through the server (src/sql/expression-key.ts), not by the text printed.
 */
import type { CatalogObject } from '../catalog/model.js';
import { definitionKey } from '../sql/expression-key.js';

const expr = (t: string | null) => (t === null ? null : definitionKey('expression', t));

export function canonicalDefinitions(o: CatalogObject): CatalogObject {
  switch (o.kind) {
    case 'table':
      return {
        ...o,
        constraints: o.constraints.map((c) => ({ ...c, definition: definitionKey('constraint', c.definition) })),
        columns: o.columns.map((c) => ({ ...c, default: expr(c.default), generated: expr(c.generated) })),
      };
    case 'domain':
      return { ...o, default: expr(o.default), constraints: o.constraints.map((c) => ({ ...c, definition: definitionKey('domain-constraint', c.definition) })) };
    case 'index':
      return { ...o, definition: definitionKey('statement', o.definition) };
    case 'policy':
      return { ...o, using: expr(o.using), withCheck: expr(o.withCheck) };
    default:
      return o;
  }
}
