/**
 * Random schemas for the fuzzer, as fast-check arbitraries that shrink: tables
 * with many column types, defaults, identity and generated columns, primary
 * keys, unique and CHECK constraints, foreign keys (cycles included, added
 * after the tables), indexes, views and materialized views over them, an enum,
 * a domain, a composite type, a function, a trigger, a sequence, partitions,
 * grants, comments and odd identifiers. Names come from small pools, so two
 * schemas drawn independently overlap and their difference is a mix of
 * creates, drops and alters.
 */
import fc from 'fast-check';
import { ident, literal } from '../../src/sql/quote.js';

const TABLES = ['t1', 't2', 'Odd Table', 'select'] as const;
const COLUMNS = ['a', 'b', 'c', 'Mixed Case', 'order'] as const;

interface ColumnType {
  readonly sql: string;
  readonly defaults: readonly string[];
  readonly integer?: boolean;
}
const TYPES: readonly ColumnType[] = [
  { sql: 'integer', defaults: ['0', '42'], integer: true },
  { sql: 'bigint', defaults: ['7'], integer: true },
  { sql: 'text', defaults: ["'x'", "''"] },
  { sql: 'varchar(20)', defaults: ["'pending'"] },
  { sql: 'numeric(10,2)', defaults: ['1.5'] },
  { sql: 'boolean', defaults: ['true'] },
  { sql: 'date', defaults: ['CURRENT_DATE'] },
  { sql: 'timestamptz', defaults: ['now()'] },
  { sql: 'jsonb', defaults: [`'{}'::jsonb`] },
  { sql: 'uuid', defaults: [] },
  { sql: 'integer[]', defaults: [`'{}'`] },
  { sql: 'mood', defaults: [`'ok'`] },
  { sql: 'posint', defaults: ['1'] },
];

export interface ColumnSpec {
  readonly name: string;
  readonly type: number; // index in TYPES
  readonly notNull: boolean;
  readonly default: number | null;
  readonly identity: boolean;
  readonly generated: boolean;
  readonly check: boolean;
  readonly comment: boolean;
}

export interface TableSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  readonly pk: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  readonly fk: number | null; // index into the chosen tables
  readonly grant: boolean;
  readonly comment: boolean;
  readonly partitioned: boolean;
}

export interface SchemaSpec {
  readonly inSchema: boolean;
  readonly enumValues: readonly string[];
  readonly domainCheck: boolean;
  readonly composite: boolean;
  readonly sequence: { readonly start: number; readonly min: number } | null;
  readonly tables: readonly TableSpec[];
  readonly view: boolean;
  readonly matview: boolean;
  readonly fn: boolean;
  readonly trigger: boolean;
}

const column: fc.Arbitrary<ColumnSpec> = fc.record({
  name: fc.constantFrom(...COLUMNS),
  type: fc.nat({ max: TYPES.length - 1 }),
  notNull: fc.boolean(),
  default: fc.option(fc.nat({ max: 1 }), { nil: null }),
  identity: fc.boolean(),
  generated: fc.boolean(),
  check: fc.boolean(),
  comment: fc.boolean(),
});

const table: fc.Arbitrary<TableSpec> = fc.record({
  name: fc.constantFrom(...TABLES),
  columns: fc.uniqueArray(column, { minLength: 1, maxLength: 4, selector: (c) => c.name }),
  pk: fc.boolean(),
  unique: fc.boolean(),
  index: fc.boolean(),
  fk: fc.option(fc.nat({ max: 3 }), { nil: null }),
  grant: fc.boolean(),
  comment: fc.boolean(),
  partitioned: fc.boolean(),
});

export const schemaSpec: fc.Arbitrary<SchemaSpec> = fc.record({
  inSchema: fc.boolean(),
  enumValues: fc.constantFrom(['ok', 'bad'], ['ok', 'bad', 'worse'], ['bad', 'ok']),
  domainCheck: fc.boolean(),
  composite: fc.boolean(),
  sequence: fc.option(fc.record({ start: fc.integer({ min: 1, max: 20 }), min: fc.integer({ min: 1, max: 20 }) }), { nil: null }),
  tables: fc.uniqueArray(table, { minLength: 0, maxLength: 3, selector: (t) => t.name }),
  view: fc.boolean(),
  matview: fc.boolean(),
  fn: fc.boolean(),
  trigger: fc.boolean(),
});

/** The SQL that builds a schema (always valid: every choice is made consistent here). */
export function schemaSql(s: SchemaSpec): string {
  const ns = s.inSchema ? 'fz' : 'public';
  const q = (n: string) => `${ident(ns)}.${ident(n)}`;
  const out: string[] = [];
  if (s.inSchema) out.push('CREATE SCHEMA fz');
  out.push(`CREATE TYPE ${q('mood')} AS ENUM (${s.enumValues.map(literal).join(', ')})`);
  out.push(`CREATE DOMAIN ${q('posint')} AS integer${s.domainCheck ? ' CHECK (VALUE > 0)' : ''}`);
  if (s.composite) out.push(`CREATE TYPE ${q('pair')} AS (x integer, y text)`);
  if (s.sequence) out.push(`CREATE SEQUENCE ${q('counter')} MINVALUE ${Math.min(s.sequence.min, s.sequence.start)} START ${s.sequence.start}`);
  if (s.fn) out.push(`CREATE FUNCTION ${q('twice')}(n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT n * 2 $$`);
  const typeSql = (c: ColumnSpec) => {
    const t = TYPES[c.type]!;
    return t.sql === 'mood' || t.sql === 'posint' ? q(t.sql) : t.sql;
  };
  const keyed: TableSpec[] = [];
  for (const t of s.tables) {
    const cols: string[] = [];
    const first = t.columns[0]!;
    const partitioned = t.partitioned && TYPES[first.type]!.integer === true && !first.generated;
    t.columns.forEach((c, i) => {
      const ty = TYPES[c.type]!;
      let d = `${ident(c.name)} ${typeSql(c)}`;
      const intFirst = i > 0 && TYPES[first.type]!.integer && !first.generated && !first.identity;
      if (c.generated && ty.sql === 'integer' && intFirst) d += ` GENERATED ALWAYS AS (${ident(first.name)} + 1) STORED`;
      else if (c.identity && ty.integer && !partitioned) d += ' GENERATED BY DEFAULT AS IDENTITY';
      else if (c.default !== null && ty.defaults.length) d += ` DEFAULT ${ty.defaults[c.default % ty.defaults.length]}`;
      if (c.notNull || (i === 0 && t.pk)) d += ' NOT NULL';
      if (c.check && ty.sql === 'varchar(20)') d += ` CHECK (${ident(c.name)} IN ('pending', 'shipped'))`;
      else if (c.check && ty.integer && !c.generated) d += ` CHECK (${ident(c.name)} >= 0)`;
      cols.push(d);
    });
    const pkOk = t.pk && !['jsonb', 'integer[]'].includes(TYPES[first.type]!.sql);
    if (pkOk) cols.push(`PRIMARY KEY (${ident(first.name)})`);
    if (t.unique && t.columns.length > 1 && !partitioned && !['jsonb', 'integer[]'].includes(TYPES[t.columns[1]!.type]!.sql))
      cols.push(`UNIQUE (${ident(t.columns[1]!.name)})`);
    out.push(`CREATE TABLE ${q(t.name)} (${cols.join(', ')})${partitioned ? ` PARTITION BY RANGE (${ident(first.name)})` : ''}`);
    if (partitioned) {
      out.push(`CREATE TABLE ${q(t.name + '_p0')} PARTITION OF ${q(t.name)} FOR VALUES FROM (MINVALUE) TO (100)`);
      out.push(`CREATE TABLE ${q(t.name + '_p1')} PARTITION OF ${q(t.name)} FOR VALUES FROM (100) TO (MAXVALUE)`);
    }
    if (t.index && t.columns.length > 1 && !['jsonb'].includes(TYPES[t.columns[1]!.type]!.sql))
      out.push(`CREATE INDEX ${ident(t.name + '_idx')} ON ${q(t.name)} (${ident(t.columns[1]!.name)})`);
    if (t.grant) out.push(`GRANT SELECT ON ${q(t.name)} TO PUBLIC`);
    if (t.comment) out.push(`COMMENT ON TABLE ${q(t.name)} IS ${literal('table ' + t.name)}`);
    for (const c of t.columns) if (c.comment) out.push(`COMMENT ON COLUMN ${q(t.name)}.${ident(c.name)} IS 'col'`);
    if (pkOk && !partitioned) keyed.push(t);
  }
  // foreign keys after every table: cycles are allowed
  for (const t of s.tables) {
    if (t.fk === null || !keyed.length) continue;
    const target = keyed[t.fk % keyed.length]!;
    const from = t.columns.find((c) => c.type === target.columns[0]!.type && !c.generated);
    if (!from || t.partitioned) continue;
    out.push(`ALTER TABLE ${q(t.name)} ADD CONSTRAINT ${ident(t.name + '_fk')} FOREIGN KEY (${ident(from.name)}) REFERENCES ${q(target.name)} (${ident(target.columns[0]!.name)}) ON DELETE CASCADE`);
  }
  const base = s.tables[0];
  if (base && s.view) out.push(`CREATE VIEW ${q('v')} AS SELECT ${base.columns.map((c) => ident(c.name)).join(', ')} FROM ${q(base.name)}`);
  if (base && s.matview) out.push(`CREATE MATERIALIZED VIEW ${q('mv')} AS SELECT count(*) AS n FROM ${q(base.name)} WITH NO DATA`);
  if (base && s.trigger) {
    out.push(`CREATE FUNCTION ${q('touch')}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`);
    out.push(`CREATE TRIGGER ${ident('touch_' + base.name)} BEFORE INSERT ON ${q(base.name)} FOR EACH ROW EXECUTE FUNCTION ${q('touch')}()`);
  }
  return out.map((x) => x + ';').join('\n');
}
