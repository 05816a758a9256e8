import type { CatalogObject, ObjectId } from './model.js';

/** Identity strings. They are keys, never SQL: printing uses src/sql/quote.ts. */
export const id = {
  schema: (name: string): ObjectId => `schema:${name}`,
  extension: (name: string): ObjectId => `extension:${name}`,
  relation: (kind: 'table' | 'view' | 'matview' | 'sequence' | 'index' | 'composite', schema: string, name: string): ObjectId =>
    `${kind}:${schema}.${name}`,
  type: (kind: 'enum' | 'domain' | 'composite' | 'collation', schema: string, name: string): ObjectId => `${kind}:${schema}.${name}`,
  column: (schema: string, table: string, column: string): ObjectId => `column:${schema}.${table}.${column}`,
  constraint: (schema: string, table: string, name: string): ObjectId => `constraint:${schema}.${table}.${name}`,
  function: (schema: string, name: string, identityArgs: string): ObjectId => `function:${schema}.${name}(${identityArgs})`,
  trigger: (schema: string, table: string, name: string): ObjectId => `trigger:${schema}.${table}.${name}`,
  policy: (schema: string, table: string, name: string): ObjectId => `policy:${schema}.${table}.${name}`,
  defaultAcl: (role: string, schema: string | null, objectType: string): ObjectId =>
    `defaultacl:${role}.${schema ?? ''}.${objectType}`,
};

/** The identity of a top-level catalog object. */
export function objectId(o: CatalogObject): ObjectId {
  switch (o.kind) {
    case 'schema':
      return id.schema(o.name);
    case 'extension':
      return id.extension(o.name);
    case 'collation':
    case 'enum':
    case 'domain':
    case 'composite':
      return id.type(o.kind, o.schema, o.name);
    case 'sequence':
    case 'table':
    case 'index':
    case 'view':
    case 'matview':
      return id.relation(o.kind, o.schema, o.name);
    case 'function':
      return id.function(o.schema, o.name, o.identityArgs);
    case 'trigger':
      return id.trigger(o.schema, o.table, o.name);
    case 'policy':
      return id.policy(o.schema, o.table, o.name);
    case 'defaultacl':
      return id.defaultAcl(o.role, o.schema, o.objectType);
    case 'unsupported':
      return `unsupported:${o.objectType}:${o.schema ?? ''}.${o.name}`;
  }
}

/** Readable name for messages: "table access_tracking.file_access_log". */
export function describe(o: CatalogObject): string {
  switch (o.kind) {
    case 'schema':
      return `schema ${o.name}`;
    case 'extension':
      return `extension ${o.name}`;
    case 'function':
      return `${o.routineKind} ${o.schema}.${o.name}(${o.identityArgs})`;
    case 'trigger':
      return `trigger ${o.name} on ${o.schema}.${o.table}`;
    case 'policy':
      return `policy ${o.name} on ${o.schema}.${o.table}`;
    case 'defaultacl':
      return `default privileges of ${o.role}${o.schema ? ` in ${o.schema}` : ''} on ${o.objectType}`;
    case 'unsupported':
      return `${o.objectType} ${o.schema ? o.schema + '.' : ''}${o.name}`;
    case 'matview':
      return `materialized view ${o.schema}.${o.name}`;
    case 'enum':
      return `type ${o.schema}.${o.name}`;
    default:
      return `${o.kind} ${o.schema}.${o.name}`;
  }
}
