// Deterministic generator of a FAS-like schema of N tables over the 8 schemas, and of a variant
// that changes about 5% of the objects. Same seed, same bytes.

import { mulberry32, type Rng } from './prng.js';
import {
  SCHEMAS,
  type Column,
  type EnumType,
  type Index,
  type Item,
  type MatView,
  type Model,
  type SchemaName,
  type Table,
  type VariantChange,
  type View,
} from './model.js';
import { renderDdlParts, renderFiles } from './render.js';

export interface GeneratedSchema {
  /** Schema-style files: `<schema>/<object>.sql` -> SQL. Sorted by path. */
  files: Map<string, string>;
  /** The same objects as one DDL script, in dependency order. */
  ddl: string;
  /** The script cut at object boundaries (schemas and enums first), for loads in several transactions. */
  ddlParts: string[];
  stats: { tables: number; indexes: number; views: number; matviews: number; enums: number };
  /** What the variant changed (empty for the base schema). */
  changes: VariantChange[];
}

export function generate(seed: number, n: number, variant: boolean): GeneratedSchema {
  if (!Number.isInteger(n) || n < 1) throw new Error(`generate: n must be a positive integer, got ${n}`);
  const model = buildModel(mulberry32(seed), n);
  const changes = variant ? mutate(model, mulberry32((seed ^ 0x9e3779b9) >>> 0)) : [];
  const tables = model.items.flatMap((i) => (i.kind === 'table' ? [i.table] : []));
  const ddlParts = renderDdlParts(model);
  return {
    files: renderFiles(model),
    ddl: ddlParts.join(''),
    ddlParts,
    stats: {
      tables: tables.length,
      indexes: tables.reduce((s, t) => s + t.indexes.length, 0),
      views: model.items.filter((i) => i.kind === 'view').length,
      matviews: model.items.filter((i) => i.kind === 'matview').length,
      enums: model.enums.length,
    },
    changes,
  };
}

/** The base model and the variant's model, for the harness's own reference migration (oracle.ts). */
export function generateModels(seed: number, n: number): { a: Model; b: Model; changes: VariantChange[] } {
  const a = buildModel(mulberry32(seed), n);
  const b = buildModel(mulberry32(seed), n);
  const changes = mutate(b, mulberry32((seed ^ 0x9e3779b9) >>> 0));
  return { a, b, changes };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const NOUNS: Record<SchemaName, readonly string[]> = {
  workflow: ['task', 'job', 'run', 'step', 'work_queue', 'schedule', 'trigger_rule', 'handoff', 'approval', 'escalation'],
  access_tracking: ['file_access', 'session', 'login', 'api_call', 'download', 'audit_event', 'permission_check', 'page_view'],
  outcomes: ['prediction', 'outcome', 'evaluation', 'score', 'backtest', 'signal', 'forecast', 'attribution'],
  public: ['user_account', 'organization', 'team', 'setting', 'notification', 'invitation', 'api_key', 'preference'],
  financial_data: ['ledger_entry', 'balance', 'statement', 'filing', 'ratio', 'cash_flow', 'income_item', 'valuation'],
  market_data: ['quote', 'trade', 'price_bar', 'tick', 'instrument', 'exchange', 'index_level', 'fx_rate'],
  metadata: ['tag', 'source', 'mapping', 'attribute', 'lineage', 'taxonomy', 'alias', 'field_definition'],
  document_registry: ['document', 'doc_version', 'chunk', 'extract', 'annotation', 'citation', 'page', 'embedding_ref'],
};
const QUALIFIERS = ['daily', 'raw', 'staging', 'archive', 'hourly', 'current', 'history', 'summary', 'detail', 'snapshot'];

interface ColumnKind {
  names: readonly string[];
  type: string;
  notNull?: boolean;
  default?: string;
  widenTo?: string;
  indexable: boolean;
  check?: (c: string) => string;
}

const KINDS: readonly ColumnKind[] = [
  { names: ['title', 'description', 'notes', 'label', 'summary', 'source_name', 'display_name', 'body'], type: 'text', indexable: true },
  { names: ['code', 'external_ref', 'ticker', 'isin', 'slug', 'category', 'region', 'currency'], type: 'varchar(64)', widenTo: 'varchar(128)', indexable: true, check: (c) => `length(${c}) > 0` },
  { names: ['quantity', 'attempt_count', 'rank_no', 'version_no', 'page_count', 'retry_count', 'sort_position', 'duration_ms'], type: 'integer', widenTo: 'bigint', indexable: true, check: (c) => `${c} >= 0` },
  { names: ['size_bytes', 'row_total', 'sequence_no', 'external_id'], type: 'bigint', indexable: true },
  { names: ['amount', 'price', 'balance_value', 'weight', 'score_value', 'market_value', 'exposure', 'yield_pct'], type: 'numeric(20,6)', widenTo: 'numeric(24,6)', indexable: true, check: (c) => `${c} >= 0` },
  { names: ['is_active', 'is_deleted', 'is_verified', 'is_primary', 'is_public'], type: 'boolean', notNull: true, default: 'false', indexable: false },
  { names: ['updated_at', 'processed_at', 'started_at', 'finished_at', 'expires_at', 'observed_at'], type: 'timestamptz', indexable: true },
  { names: ['as_of_date', 'trade_date', 'effective_date', 'period_end'], type: 'date', indexable: true },
  { names: ['payload', 'attributes', 'details', 'context'], type: 'jsonb', notNull: true, default: `'{}'::jsonb`, indexable: false },
  { names: ['correlation_id', 'request_id', 'object_uuid'], type: 'uuid', indexable: true },
  { names: ['ratio_value', 'confidence', 'volatility'], type: 'double precision', indexable: true },
  { names: ['tags', 'aliases'], type: 'text[]', notNull: true, default: `'{}'::text[]`, indexable: false },
];

const ENUMS: ReadonlyArray<{ name: string; values: string[]; column: string; default: string }> = [
  { name: 'record_status', values: ['pending', 'active', 'archived', 'failed'], column: 'status', default: `'pending'` },
  { name: 'priority_level', values: ['low', 'normal', 'high', 'critical'], column: 'priority', default: `'normal'` },
];

const ADDED_COLUMNS: readonly Column[] = [
  { name: 'reviewed_at', type: 'timestamptz', notNull: false, comment: 'When a reviewer last looked at the row.' },
  { name: 'review_note', type: 'text', notNull: false },
  { name: 'external_key', type: 'varchar(128)', notNull: false },
  { name: 'risk_weight', type: 'numeric(20,6)', notNull: true, default: '0' },
  { name: 'is_archived', type: 'boolean', notNull: true, default: 'false' },
  { name: 'revision', type: 'integer', notNull: true, default: '1' },
  { name: 'extra', type: 'jsonb', notNull: false },
];

function checkName(name: string): string {
  if (name.length > 63) throw new Error(`generated identifier longer than 63 bytes: ${name}`);
  return name;
}

// ---------------------------------------------------------------------------------------------
// The base schema

function buildModel(rng: Rng, n: number): Model {
  const enums: EnumType[] = SCHEMAS.flatMap((schema) => ENUMS.map((e) => ({ schema, name: e.name, values: e.values.slice() })));
  const items: Item[] = [];
  const tables: Table[] = [];
  for (let i = 0; i < n; i++) {
    const table = buildTable(rng, i, tables);
    tables.push(table);
    items.push({ kind: 'table', table });
    if (i % 10 === 9) items.push({ kind: 'view', view: buildView(rng, table, tables) });
    if (i % 25 === 24) items.push({ kind: 'matview', matview: buildMatView(table) });
  }
  return { enums, items };
}

function buildTable(rng: Rng, i: number, earlier: Table[]): Table {
  const schema = SCHEMAS[i % SCHEMAS.length] as SchemaName;
  const noun = rng.pick(NOUNS[schema]);
  const name = checkName(`${noun}_${rng.pick(QUALIFIERS)}_${String(i).padStart(4, '0')}`);
  const columns: Column[] = [
    { name: 'id', type: 'bigint', notNull: true, identity: true },
    { name: 'created_at', type: 'timestamptz', notNull: true, default: 'now()' },
  ];
  const used = new Set(columns.map((c) => c.name));
  const table: Table = { schema, name, columns, checks: [], fks: [], indexes: [], comment: `${noun.replace(/_/g, ' ')} records (${schema}), generated for the benchmark.` };

  // Foreign keys to earlier tables.
  const fkCount = earlier.length === 0 ? 0 : rng.pick([0, 1, 1, 1, 2]);
  for (let k = 0; k < fkCount; k++) {
    const parent = earlier[rng.int(Math.max(0, earlier.length - 60), earlier.length - 1)] as Table;
    let col = `${parent.name.split('_').slice(0, -2).join('_')}_id`;
    if (used.has(col)) col = `${col.slice(0, -3)}_${k}_id`;
    if (used.has(col)) continue;
    used.add(col);
    const onDelete = rng.pick(['CASCADE', 'SET NULL', 'NO ACTION'] as const);
    columns.push({ name: col, type: 'bigint', notNull: false });
    table.fks.push({ name: checkName(`${name}_${col}_fkey`), column: col, refSchema: parent.schema, refTable: parent.name, onDelete });
  }

  // An enum column in most tables.
  if (rng.chance(0.7)) {
    const e = rng.pick(ENUMS);
    const enumSchema = rng.chance(0.8) ? schema : rng.pick(SCHEMAS);
    columns.push({ name: e.column, type: `${enumSchema}.${e.name}`, notNull: true, default: e.default });
    used.add(e.column);
  }

  // Fill up to 8-15 columns with mixed types.
  const target = rng.int(8, 15);
  let guard = 0;
  while (columns.length < target && guard++ < 100) {
    const kind = rng.pick(KINDS);
    const col = rng.pick(kind.names);
    if (used.has(col)) continue;
    used.add(col);
    const c: Column = { name: col, type: kind.type, notNull: kind.notNull ?? rng.chance(0.25) };
    if (kind.default !== undefined) c.default = kind.default;
    if (kind.widenTo !== undefined) c.widenTo = kind.widenTo;
    columns.push(c);
  }

  // Check constraints on one or two columns.
  for (const c of rng.shuffle(columns)) {
    const kind = kindOf(c);
    if (kind?.check && table.checks.length < (rng.chance(0.3) ? 2 : 1)) {
      table.checks.push({ name: checkName(`${name}_${c.name}_check`), column: c.name, expr: kind.check(c.name) });
    }
  }

  // Comments on a column or two.
  for (const c of columns.slice(2)) if (rng.chance(0.15)) c.comment = `The ${c.name.replace(/_/g, ' ')} of the row.`;

  // About two indexes: the first foreign key (or created_at), then a plain, partial or expression index.
  const first = table.fks[0]?.column ?? 'created_at';
  table.indexes.push(plainIndex(name, first));
  const boolCol = columns.find((c) => c.type === 'boolean');
  const statusCol = columns.find((c) => c.name === 'status');
  const textCol = columns.find((c) => c.type === 'text' || c.type.startsWith('varchar'));
  const jsonCol = columns.find((c) => c.type === 'jsonb');
  if (i % 4 === 3 && (statusCol || boolCol)) {
    const where = statusCol ? `status = 'active'` : `${boolCol!.name}`;
    const cols = ['created_at', statusCol ? 'status' : boolCol!.name];
    table.indexes.push({ name: checkName(`${name}_created_at_active_idx`), unique: false, method: 'btree', keys: 'created_at', where, columns: cols });
  } else if (i % 5 === 4 && (textCol || jsonCol)) {
    if (textCol && (!jsonCol || rng.chance(0.5))) {
      table.indexes.push({ name: checkName(`${name}_${textCol.name}_lower_idx`), unique: false, method: 'btree', keys: `lower(${textCol.name})`, columns: [textCol.name] });
    } else {
      table.indexes.push({ name: checkName(`${name}_${jsonCol!.name}_kind_idx`), unique: false, method: 'btree', keys: `(${jsonCol!.name} ->> 'kind')`, columns: [jsonCol!.name] });
    }
  } else {
    const candidates = columns.filter((c) => c.name !== first && c.name !== 'id' && kindOf(c)?.indexable);
    if (candidates.length > 0 && rng.chance(0.85)) {
      const c = rng.pick(candidates);
      const unique = c.type.startsWith('varchar') && rng.chance(0.3);
      table.indexes.push(unique
        ? { name: checkName(`${name}_${c.name}_key`), unique: true, method: 'btree', keys: c.name, columns: [c.name] }
        : plainIndex(name, c.name));
    }
  }
  return table;
}

function plainIndex(table: string, column: string): Index {
  return { name: checkName(`${table}_${column}_idx`), unique: false, method: 'btree', keys: column, columns: [column] };
}

function kindOf(c: Column): ColumnKind | undefined {
  return KINDS.find((k) => k.names.includes(c.name) && k.type === c.type);
}

function buildView(rng: Rng, table: Table, tables: Table[]): View {
  const fk = table.fks[0];
  const view: View = {
    schema: table.schema,
    name: checkName(`v_${table.name}`),
    table: table.name,
    columns: [{ from: 't', column: 'id' }, { from: 't', column: 'created_at' }],
    sinceDays: 90,
    comment: `Recent ${table.name.replace(/_/g, ' ')} rows.`,
  };
  if (fk) view.parent = { schema: fk.refSchema, table: fk.refTable, fkColumn: fk.column };
  const others = table.columns.filter((c) => c.name !== 'id' && c.name !== 'created_at');
  // Prefer a column the variant can widen, so that a type change under a view is possible.
  const widenable = others.filter((c) => c.widenTo);
  const chosen = new Set<string>();
  if (widenable.length > 0) chosen.add(rng.pick(widenable).name);
  for (const c of rng.shuffle(others)) if (chosen.size < 4) chosen.add(c.name);
  for (const c of others) if (chosen.has(c.name)) view.columns.push({ from: 't', column: c.name });
  if (view.parent && tables.some((t) => t.name === view.parent!.table)) {
    view.columns.push({ from: 'p', column: 'created_at', alias: 'parent_created_at' });
  }
  return view;
}

function buildMatView(table: Table): MatView {
  const name = checkName(`mv_${table.name}_daily`);
  const sum = table.columns.find((c) => c.type === 'numeric(20,6)');
  const mv: MatView = {
    schema: table.schema,
    name,
    table: table.name,
    index: { name: checkName(`${name}_day_key`), unique: true, method: 'btree', keys: 'day', columns: ['day'] },
    comment: `Daily totals of ${table.name.replace(/_/g, ' ')}.`,
  };
  if (sum) mv.sumColumn = sum.name;
  return mv;
}

// ---------------------------------------------------------------------------------------------
// The variant: about 5% of the objects change; each table takes at most one change.

function mutate(model: Model, rng: Rng): VariantChange[] {
  const tables = model.items.flatMap((i) => (i.kind === 'table' ? [i.table] : []));
  const views = model.items.flatMap((i) => (i.kind === 'view' ? [i.view] : []));
  const matviews = model.items.flatMap((i) => (i.kind === 'matview' ? [i.matview] : []));
  const byName = new Map(tables.map((t) => [t.name, t]));
  const objects = tables.length + tables.reduce((s, t) => s + t.indexes.length, 0) + views.length + matviews.length * 2;
  const total = Math.max(6, Math.round(objects * 0.05));
  const weights = { 'add-column': 5, 'drop-column': 3, 'change-default': 3, 'new-index': 4, 'view-body': 3, 'type-under-view': 2 } as const;
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  const quota = (k: keyof typeof weights) => Math.max(1, Math.round((total * weights[k]) / sum));

  const touched = new Set<string>();
  const changes: VariantChange[] = [];
  const qualified = (schema: string, name: string) => `${schema}.${name}`;

  const protectedColumns = (t: Table): Set<string> => {
    const p = new Set<string>(['id', 'created_at']);
    for (const i of t.indexes) i.columns.forEach((c) => p.add(c));
    for (const c of t.checks) p.add(c.column);
    for (const f of t.fks) p.add(f.column);
    for (const v of views) {
      if (v.table === t.name) v.columns.filter((c) => c.from === 't').forEach((c) => p.add(c.column));
      if (v.parent?.table === t.name) p.add('created_at');
      if (v.parent && v.table === t.name) p.add(v.parent.fkColumn);
    }
    for (const m of matviews) if (m.table === t.name && m.sumColumn) p.add(m.sumColumn);
    return p;
  };

  // A column type changed under a view (and, when there is one, under a materialized view).
  {
    let left = quota('type-under-view');
    const mv = rng.shuffle(matviews).find((m) => m.sumColumn && !touched.has(m.table));
    if (mv && left > 1) {
      const t = byName.get(mv.table)!;
      const c = t.columns.find((x) => x.name === mv.sumColumn)!;
      changes.push({ kind: 'type-under-view', object: qualified(t.schema, `${t.name}.${c.name}`), detail: `${c.type} -> ${c.widenTo} under materialized view ${mv.name}` });
      c.type = c.widenTo!;
      delete c.widenTo;
      touched.add(t.name);
      left--;
    }
    for (const v of rng.shuffle(views)) {
      if (left === 0) break;
      const t = byName.get(v.table)!;
      if (touched.has(t.name)) continue;
      const c = t.columns.find((x) => x.widenTo && v.columns.some((vc) => vc.from === 't' && vc.column === x.name));
      if (!c) continue;
      changes.push({ kind: 'type-under-view', object: qualified(t.schema, `${t.name}.${c.name}`), detail: `${c.type} -> ${c.widenTo} under view ${v.name}` });
      c.type = c.widenTo!;
      delete c.widenTo;
      touched.add(t.name);
      left--;
    }
  }

  // Changed view bodies: a new filter window and, when there is one, a column added at the end.
  {
    let left = quota('view-body');
    for (const v of rng.shuffle(views)) {
      if (left === 0) break;
      const t = byName.get(v.table)!;
      if (touched.has(t.name)) continue;
      v.sinceDays = 30;
      const extra = t.columns.find((c) => !v.columns.some((vc) => vc.from === 't' && vc.column === c.name));
      // Appended, so the old columns keep their positions (CREATE OR REPLACE VIEW can do it).
      if (extra) v.columns.push({ from: 't', column: extra.name });
      changes.push({ kind: 'view-body', object: qualified(v.schema, v.name), detail: `window 90 -> 30 days${extra ? `, adds ${extra.name}` : ''}` });
      touched.add(t.name);
      left--;
    }
  }

  const order = rng.shuffle(tables);
  const take = (k: keyof typeof weights, apply: (t: Table) => string | undefined) => {
    let left = quota(k);
    for (const t of order) {
      if (left === 0) break;
      if (touched.has(t.name)) continue;
      const detail = apply(t);
      if (detail === undefined) continue;
      changes.push({ kind: k, object: qualified(t.schema, t.name), detail });
      touched.add(t.name);
      left--;
    }
  };

  take('drop-column', (t) => {
    const p = protectedColumns(t);
    const candidates = t.columns.filter((x) => !p.has(x.name));
    if (candidates.length === 0) return undefined;
    const c = rng.pick(candidates);
    t.columns = t.columns.filter((x) => x !== c);
    return `drops ${c.name}`;
  });

  take('change-default', (t) => {
    for (const c of rng.shuffle(t.columns)) {
      if (c.identity || c.name === 'created_at') continue;
      let next: string | undefined;
      if (c.type === 'boolean') next = c.default === 'true' ? 'false' : 'true';
      else if (c.type === 'jsonb') next = `'{"v": 1}'::jsonb`;
      else if (c.name === 'status' || c.name === 'priority') next = c.name === 'status' ? `'active'` : `'high'`;
      else if (c.type === 'integer' && c.default === undefined) next = '0';
      if (next === undefined) continue;
      const before = c.default ?? 'none';
      c.default = next;
      return `${c.name} default ${before} -> ${next}`;
    }
    return undefined;
  });

  take('new-index', (t) => {
    const indexed = new Set(t.indexes.flatMap((i) => i.columns));
    const c = rng.shuffle(t.columns).find((x) => !indexed.has(x.name) && !x.identity && (x.type === 'jsonb' || kindOf(x)?.indexable));
    if (!c) return undefined;
    const gin = c.type === 'jsonb';
    t.indexes.push({ name: checkName(`${t.name}_${c.name}_${gin ? 'gin' : 'idx'}`), unique: false, method: gin ? 'gin' : 'btree', keys: c.name, columns: [c.name] });
    return `new ${gin ? 'gin' : 'btree'} index on ${c.name}`;
  });

  take('add-column', (t) => {
    const c = rng.shuffle(ADDED_COLUMNS).find((x) => !t.columns.some((y) => y.name === x.name));
    if (!c) return undefined;
    t.columns.push({ ...c });
    return `adds ${c.name} ${c.type}`;
  });

  return changes;
}
