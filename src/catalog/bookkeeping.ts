import type { Catalog } from './model.js';

const ALEMBIC_VERSION_TABLE = { schema: 'public', name: 'alembic_version' } as const;

/** Drop public.alembic_version (and its indexes) from a catalog: Alembic's bookkeeping, like schema fas. */
export function withoutBookkeeping(c: Catalog): Catalog {
  const isIt = (schema: string, name: string) => schema === ALEMBIC_VERSION_TABLE.schema && name === ALEMBIC_VERSION_TABLE.name;
  const tables = new Map([...c.tables].filter(([, t]) => !isIt(t.schema, t.name)));
  const indexes = new Map([...c.indexes].filter(([, i]) => !isIt(i.schema, i.table)));
  const dependsOn = new Map([...c.dependsOn].filter(([k]) => !/:public\.alembic_version(\.|$)/.test(k)));
  return { ...c, tables, indexes, dependsOn };
}
