import type { Catalog } from './model.js';
import { onRelation } from './ref.js';
import { refIn } from './ref-index.js';

const ALEMBIC_VERSION_TABLE = { schema: 'public', name: 'alembic_version' } as const;

/** Drop public.alembic_version (and its indexes) from a catalog: Alembic's bookkeeping, like schema fas. */
export function withoutBookkeeping(c: Catalog): Catalog {
  const isIt = (schema: string, name: string) => schema === ALEMBIC_VERSION_TABLE.schema && name === ALEMBIC_VERSION_TABLE.name;
  const tables = new Map([...c.tables].filter(([, t]) => !isIt(t.schema, t.name)));
  const indexes = new Map([...c.indexes].filter(([, i]) => !isIt(i.schema, i.table)));
  // the table's own key and those of what lives on it (columns, constraints, triggers, policies)
  const onIt = (k: string) => {
    const r = refIn(c, k);
    const rel = r && (onRelation(r) ?? (r.kind === 'table' ? r : undefined));
    return rel !== undefined && isIt(rel.schema, rel.name);
  };
  const dependsOn = new Map([...c.dependsOn].filter(([k]) => !onIt(k)));
  return { ...c, tables, indexes, dependsOn };
}
