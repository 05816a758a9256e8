// The generator's object model: plain records, rendered to SQL by render.ts.

export const SCHEMAS = [
  'workflow',
  'access_tracking',
  'outcomes',
  'public',
  'financial_data',
  'market_data',
  'metadata',
  'document_registry',
] as const;
export type SchemaName = (typeof SCHEMAS)[number];

export interface EnumType {
  schema: SchemaName;
  name: string;
  values: string[];
}

export interface Column {
  name: string;
  type: string;
  notNull: boolean;
  default?: string;
  identity?: boolean;
  comment?: string;
  /** A wider type PostgreSQL converts to without a USING clause, used by the variant. */
  widenTo?: string;
}

export interface Check {
  name: string;
  column: string;
  expr: string;
}

export interface ForeignKey {
  name: string;
  column: string;
  refSchema: SchemaName;
  refTable: string;
  onDelete: 'CASCADE' | 'SET NULL' | 'NO ACTION';
}

export interface Index {
  name: string;
  unique: boolean;
  method: 'btree' | 'gin';
  /** The key list as written between parentheses, e.g. `code` or `lower(title)`. */
  keys: string;
  where?: string;
  /** Columns the index depends on. */
  columns: string[];
}

export interface Table {
  schema: SchemaName;
  name: string;
  columns: Column[];
  checks: Check[];
  fks: ForeignKey[];
  indexes: Index[];
  comment: string;
}

export interface ViewColumn {
  from: 't' | 'p';
  column: string;
  alias?: string;
}

export interface View {
  schema: SchemaName;
  name: string;
  table: string;
  parent?: { schema: SchemaName; table: string; fkColumn: string };
  columns: ViewColumn[];
  sinceDays: number;
  comment: string;
}

export interface MatView {
  schema: SchemaName;
  name: string;
  table: string;
  /** A numeric column summed by the view, when the table has one. */
  sumColumn?: string;
  index: Index;
  comment: string;
}

/** Creation order: every object after the ones it depends on. */
export type Item =
  | { kind: 'table'; table: Table }
  | { kind: 'view'; view: View }
  | { kind: 'matview'; matview: MatView };

export interface Model {
  enums: EnumType[];
  items: Item[];
}

export interface VariantChange {
  kind: 'add-column' | 'drop-column' | 'change-default' | 'new-index' | 'view-body' | 'type-under-view';
  object: string;
  detail: string;
}
