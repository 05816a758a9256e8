import type { ObjectId } from './model.js';

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
