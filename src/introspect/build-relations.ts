/** Tables, views, materialized views, sequences, indexes, triggers and policies from catalog rows. */
import type {
  Column,
  Constraint,
  ConstraintType,
  Index,
  MaterializedView,
  ObjectId,
  Policy,
  Sequence,
  Table,
  Trigger,
  View,
  ViewColumn,
} from '../catalog/model.js';
import { id } from '../catalog/ref.js';
import { buildAcl } from './build-acl.js';
import { b, n, s, sn, type Row } from './rows.js';

export interface RelationParts {
  readonly tables: Table[];
  readonly views: View[];
  readonly matviews: MaterializedView[];
  readonly sequences: Sequence[];
  readonly indexes: Index[];
  readonly triggers: Trigger[];
  readonly policies: Policy[];
  readonly compositeColumns: Map<number, Row[]>;
  /** relation oid -> { schema, name, relkind } for dependency mapping */
  readonly relByOid: Map<number, { schema: string; name: string; relkind: string }>;
  /** constraint oid -> schema.table.name */
  readonly constraintByOid: Map<number, { schema: string; table: string; name: string }>;
  readonly identitySequences: Set<number>;
  /** index oid -> oid of the constraint it implements */
  readonly constraintIndex: Map<number, number>;
}

function groupBy(rows: Row[], key: string): Map<number, Row[]> {
  const m = new Map<number, Row[]>();
  for (const r of rows) {
    const k = n(r[key]);
    let list = m.get(k);
    if (!list) m.set(k, (list = []));
    list.push(r);
  }
  return m;
}

function options(v: unknown): string[] {
  return ((v as string[] | null) ?? []).slice();
}

/** Identity sequences by the id of the column they serve. */
type IdentitySequences = ReadonlyMap<ObjectId, { row: Row; name: string }>;

/**
 * One column of a table. Built by assignment in a fixed order, not with a conditional spread
 * (`...(x ? { defaultVolatile: true } : {})`), which took the slow path for each of the
 * thousands of columns a large database has; the keys come out in the same order.
 */
function buildColumn(c: Row, i: number, identityByColumn: IdentitySequences, table: { schema: string; name: string }): Column {
  const ident = s(c.identity);
  const seq = ident ? identityByColumn.get(id.column(table.schema, table.name, s(c.name))) : undefined;
  const col: Record<string, unknown> = { name: s(c.name), position: i + 1, type: s(c.type), notNull: b(c.not_null), default: sn(c.default_expr) };
  if (c.default_volatile === true) col.defaultVolatile = true;
  col.identity =
    ident && seq
      ? Object.freeze({
          generation: ident === 'a' ? ('ALWAYS' as const) : ('BY DEFAULT' as const),
          sequenceName: seq.name,
          dataType: s(seq.row.data_type),
          start: s(seq.row.start),
          increment: s(seq.row.increment),
          min: s(seq.row.min),
          max: s(seq.row.max),
          cache: s(seq.row.cache),
          cycle: b(seq.row.cycle),
        })
      : null;
  col.generated = sn(c.generated_expr);
  col.collation = sn(c.collation);
  col.comment = sn(c.comment);
  col.acl = buildAcl(c.acl, -1);
  col.inherited = !b(c.is_local);
  return Object.freeze(col) as unknown as Column;
}

/** One table (relkind r or p) from its relation row, its column rows and its constraint rows. */
function buildTable(
  r: Row,
  rel: { schema: string; name: string; acl: ReturnType<typeof buildAcl>; comment: string | null },
  cols: readonly Row[],
  cons: readonly Row[],
  identityByColumn: IdentitySequences,
  constraintByOid: Map<number, { schema: string; table: string; name: string }>,
): Table {
  const { schema, name, acl, comment } = rel;
  const columns: Column[] = cols.map((c, i) => buildColumn(c, i, identityByColumn, rel));
  const constraints: Constraint[] = cons.map((c) => {
    constraintByOid.set(n(c.oid), { schema, table: name, name: s(c.name) });
    return Object.freeze({
      name: s(c.name),
      type: s(c.type) as ConstraintType,
      definition: s(c.definition),
      comment: sn(c.comment),
      inherited: !b(c.is_local) || n(c.parent_oid) !== 0,
    });
  });
  const parents = ((r.parents as [string, string][] | null) ?? []).map(([ps, pt]) => Object.freeze({ schema: ps, table: pt }));
  const isPartition = b(r.is_partition);
  return Object.freeze({
    kind: 'table' as const,
    schema,
    name,
    unlogged: s(r.persistence) === 'u',
    columns: Object.freeze(columns),
    constraints: Object.freeze(constraints),
    partitioning: r.partition_key ? Object.freeze({ key: s(r.partition_key) }) : null,
    partitionOf:
      isPartition && parents[0] ? Object.freeze({ schema: parents[0].schema, table: parents[0].table, bound: s(r.partition_bound) }) : null,
    inherits: Object.freeze(isPartition ? [] : parents),
    options: Object.freeze(options(r.options)),
    rowSecurity: b(r.row_security),
    forceRowSecurity: b(r.force_row_security),
    comment,
    acl: Object.freeze(acl),
  });
}

/** Triggers and row-level security policies. */
function buildTriggersAndPolicies(q: Record<string, Row[]>): { triggers: Trigger[]; policies: Policy[] } {
  const triggers: Trigger[] = q.triggers!.map((r) =>
    Object.freeze({
      kind: 'trigger' as const,
      schema: s(r.schema),
      table: s(r.table_name),
      name: s(r.name),
      definition: s(r.definition),
      enabled: s(r.enabled) as Trigger['enabled'],
      comment: sn(r.comment),
    }),
  );

  const COMMANDS: Record<string, Policy['command']> = { '*': 'ALL', r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' };
  const policies: Policy[] = q.policies!.map((r) =>
    Object.freeze({
      kind: 'policy' as const,
      schema: s(r.schema),
      table: s(r.table_name),
      name: s(r.name),
      permissive: b(r.permissive),
      command: COMMANDS[s(r.command)] ?? 'ALL',
      roles: Object.freeze(((r.roles as string[] | null) ?? []).slice().sort()),
      using: sn(r.using_expr),
      withCheck: sn(r.check_expr),
      comment: sn(r.comment),
    }),
  );
  return { triggers, policies };
}

type Grant = ReturnType<typeof buildAcl>[number];

function viewColumns(cols: readonly Row[]): ViewColumn[] {
  return cols.map((c) => Object.freeze({ name: s(c.name), type: s(c.type), comment: sn(c.comment), acl: buildAcl(c.acl, -1) }));
}

/** What a view and a materialized view both hold before their own fields. */
function viewParts(r: Row, schema: string, name: string, cols: readonly Row[]) {
  return { schema, name, definition: s(r.view_definition), columns: Object.freeze(viewColumns(cols)), options: Object.freeze(options(r.options)) };
}

function buildView(r: Row, schema: string, name: string, comment: string | null, acl: Grant[], cols: readonly Row[]): View {
  return Object.freeze({ kind: 'view' as const, ...viewParts(r, schema, name, cols), comment, acl: Object.freeze(acl) });
}

function buildMatview(r: Row, schema: string, name: string, comment: string | null, acl: Grant[], cols: readonly Row[]): MaterializedView {
  return Object.freeze({
    kind: 'matview' as const,
    ...viewParts(r, schema, name, cols),
    withData: b(r.populated),
    comment,
    acl: Object.freeze(acl),
  });
}

function buildSequence(seq: Row, schema: string, name: string, comment: string | null, acl: Grant[]): Sequence {
  return Object.freeze({
    kind: 'sequence' as const,
    schema,
    name,
    dataType: s(seq.data_type),
    start: s(seq.start),
    increment: s(seq.increment),
    min: s(seq.min),
    max: s(seq.max),
    cache: s(seq.cache),
    cycle: b(seq.cycle),
    ownedBy:
      seq.owner_deptype === 'a'
        ? Object.freeze({ schema: s(seq.owner_schema), table: s(seq.owner_table), column: s(seq.owner_column) })
        : null,
    comment,
    acl: Object.freeze(acl),
  });
}

export function buildRelations(q: Record<string, Row[]>): RelationParts {
  const colsByRel = groupBy(q.columns!, 'relid');
  const consByRel = groupBy(q.constraints!, 'relid');
  const seqByOid = new Map<number, Row>(q.sequences!.map((r) => [n(r.oid), r]));
  const relByOid = new Map<number, { schema: string; name: string; relkind: string }>();
  const constraintByOid = new Map<number, { schema: string; table: string; name: string }>();
  for (const r of q.relations!) relByOid.set(n(r.oid), { schema: s(r.schema), name: s(r.name), relkind: s(r.relkind) });

  // identity sequences: column (schema, table, column) -> sequence row + name
  const identityByColumn = new Map<ObjectId, { row: Row; name: string }>();
  const identitySequences = new Set<number>();
  for (const r of q.sequences!) {
    if (r.owner_deptype === 'i') {
      const rel = relByOid.get(n(r.oid));
      identityByColumn.set(id.column(s(r.owner_schema), s(r.owner_table), s(r.owner_column)), { row: r, name: rel?.name ?? '' });
      identitySequences.add(n(r.oid));
    }
  }

  const tables: Table[] = [];
  const views: View[] = [];
  const matviews: MaterializedView[] = [];
  const sequences: Sequence[] = [];

  for (const r of q.relations!) {
    const oid = n(r.oid);
    // Alembic's bookkeeping table is fas's too: never part of a diff
    if (r.schema === 'public' && r.name === 'alembic_version') continue;
    const schema = s(r.schema);
    const name = s(r.name);
    const relkind = s(r.relkind);
    const acl = buildAcl(r.acl, r.owner_oid);
    const comment = sn(r.comment);
    if (relkind === 'r' || relkind === 'p') {
      tables.push(buildTable(r, { schema, name, acl, comment }, colsByRel.get(oid) ?? [], consByRel.get(oid) ?? [], identityByColumn, constraintByOid));
    } else if (relkind === 'v' || relkind === 'm') {
      if (relkind === 'v') views.push(buildView(r, schema, name, comment, acl, colsByRel.get(oid) ?? []));
      else matviews.push(buildMatview(r, schema, name, comment, acl, colsByRel.get(oid) ?? []));
    } else if (relkind === 'S') {
      if (identitySequences.has(oid)) continue;
      const seq = seqByOid.get(oid);
      if (!seq) continue;
      sequences.push(buildSequence(seq, schema, name, comment, acl));
    }
  }

  const indexes: Index[] = q
    .indexes!.filter((r) => !b(r.is_constraint))
    .map((r) =>
      Object.freeze({
        kind: 'index' as const,
        schema: s(r.schema),
        name: s(r.name),
        table: s(r.table_name),
        definition: s(r.definition),
        unique: b(r.is_unique),
        parentIndex: sn(r.parent_index),
        comment: sn(r.comment),
      }),
    );
  for (const r of q.indexes!) relByOid.set(n(r.oid), { schema: s(r.schema), name: s(r.name), relkind: b(r.is_constraint) ? 'ci' : 'i' });
  // an index that implements a constraint stands for that constraint in dependencies
  const constraintIndex = new Map<number, number>();
  for (const c of q.constraints!) if (n(c.index_oid) !== 0 && ['p', 'u', 'x'].includes(s(c.type))) constraintIndex.set(n(c.index_oid), n(c.oid));

  const { triggers, policies } = buildTriggersAndPolicies(q);

  const compositeColumns = new Map<number, Row[]>();
  for (const [relid, cols] of colsByRel) if (!relByOid.has(relid)) compositeColumns.set(relid, cols);

  return { tables, views, matviews, sequences, indexes, triggers, policies, compositeColumns, relByOid, constraintByOid, identitySequences, constraintIndex };
}
