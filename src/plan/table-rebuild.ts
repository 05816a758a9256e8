/**
 * Rebuilding a table whose column order must change, keeping its rows:
 * the old table and the names it holds (indexes, key constraints, identity
 * sequences) are moved aside, the table is created as declared, the rows are
 * copied, sequences are set past the copied values, and the old table is dropped.
 * Indexes, triggers, policies and dependents are created again by the planner.
 */
import type { ObjectId, Table } from '../catalog/model.js';
import { id } from '../catalog/identity.js';
import { ident, literal, qualified } from '../sql/quote.js';
import { hazard } from './hazards.js';
import { RANK, stmt, type PlanContext } from './context.js';
import { createTableStatements, tableId } from './kinds/table.js';
import { nameClaim } from './kinds/names.js';
import type { PlannedStatement } from './statement.js';

const SUFFIX = '__fas_old';

function aside(name: string): string {
  // identifiers are at most 63 bytes: keep the suffix, shorten the name
  const max = 63 - SUFFIX.length;
  const buf = Buffer.from(name, 'utf8');
  return (buf.length > max ? buf.subarray(0, max).toString('utf8').replace(/\uFFFD+$/, '') : name) + SUFFIX;
}

export function rebuildTableStatements(a: Table, b: Table, ctx: PlanContext): PlannedStatement[] {
  const tid = tableId(a);
  const src = `rebuild table ${a.schema}.${a.name} (column order)`;
  const out: PlannedStatement[] = [];
  const released: ObjectId[] = [];

  // serial sequences would be dropped with the old table: release them first
  const owned = [...ctx.current.sequences.values()].filter((s) => s.ownedBy?.schema === a.schema && s.ownedBy.table === a.name);
  for (const s of owned) {
    const marker = `released:${id.relation('sequence', s.schema, s.name)}`;
    released.push(marker);
    out.push(stmt({ sql: `ALTER SEQUENCE ${qualified(s.schema, s.name)} OWNED BY NONE`, source: src, rank: RANK.dropDependent, provides: [marker] }));
  }

  // names the new table needs: its indexes, key constraints and identity sequences
  const claims: ObjectId[] = [];
  const moves: string[] = [];
  for (const ix of ctx.current.indexes.values())
    if (ix.schema === a.schema && ix.table === a.name) {
      moves.push(`ALTER INDEX ${qualified(ix.schema, ix.name)} RENAME TO ${ident(aside(ix.name))}`);
      claims.push(id.relation('index', ix.schema, ix.name), nameClaim(ix.schema, ix.name));
    }
  for (const c of a.constraints)
    if (!c.inherited && (c.type === 'p' || c.type === 'u' || c.type === 'x')) {
      moves.push(`ALTER INDEX ${qualified(a.schema, c.name)} RENAME TO ${ident(aside(c.name))}`);
      claims.push(nameClaim(a.schema, c.name));
    }
  for (const c of a.constraints) if (!c.inherited) claims.push(id.constraint(a.schema, a.name, c.name));
  for (const c of a.columns)
    if (c.identity) {
      moves.push(`ALTER SEQUENCE ${qualified(a.schema, c.identity.sequenceName)} RENAME TO ${ident(aside(c.identity.sequenceName))}`);
      claims.push(nameClaim(a.schema, c.identity.sequenceName));
    }
  const columnIds = a.columns.map((c) => id.column(a.schema, a.name, c.name));
  const old = qualified(a.schema, aside(a.name));
  for (const sql of moves) out.push(stmt({ sql, source: src, rank: RANK.alterTable, removes: claims, needs: released }));
  out.push(
    stmt({
      sql: `ALTER TABLE ${qualified(a.schema, a.name)} RENAME TO ${ident(aside(a.name))}`,
      source: src,
      rank: RANK.alterTable,
      removes: [tid, nameClaim(a.schema, a.name), ...columnIds, ...claims],
      needs: released,
      provides: [`aside:${tid}`],
      hazards: [hazard.rewritesTable(`${a.schema}.${a.name}`, 'rebuilt to change its column order; rows are copied')],
    }),
  );

  out.push(...createTableStatements(b, ctx));

  const copied = `copied:${tid}`;
  const cols = b.columns.filter((c) => !c.inherited && c.generated === null && a.columns.some((x) => x.name === c.name && !x.inherited)).map((c) => ident(c.name));
  const target = qualified(b.schema, b.name);
  const identity = b.columns.some((c) => c.identity?.generation === 'ALWAYS');
  out.push(
    stmt({
      sql: `INSERT INTO ${target} (${cols.join(', ')})${identity ? ' OVERRIDING SYSTEM VALUE' : ''} SELECT ${cols.join(', ')} FROM ${old}`,
      source: src,
      rank: RANK.alterTable + 1,
      needs: [tid, `aside:${tid}`, ...b.columns.map((c) => id.column(b.schema, b.name, c.name))],
      provides: [copied],
    }),
  );
  for (const c of b.columns)
    if (c.identity)
      out.push(
        stmt({
          sql: `SELECT pg_catalog.setval(pg_catalog.pg_get_serial_sequence(${literal(target)}, ${literal(c.name)}), coalesce(max(${ident(c.name)}), ${c.identity.start}), max(${ident(c.name)}) IS NOT NULL) FROM ${target}`,
          source: src,
          rank: RANK.alterTable + 1,
          needs: [copied],
        }),
      );
  for (const s of owned) {
    const want = ctx.desired.sequences.get(id.relation('sequence', s.schema, s.name));
    if (want?.ownedBy)
      out.push(
        stmt({
          sql: `ALTER SEQUENCE ${qualified(s.schema, s.name)} OWNED BY ${qualified(want.ownedBy.schema, want.ownedBy.table)}.${ident(want.ownedBy.column)}`,
          source: src,
          rank: RANK.alterSequence,
          needs: [copied, id.column(want.ownedBy.schema, want.ownedBy.table, want.ownedBy.column)],
        }),
      );
  }
  out.push(stmt({ sql: `DROP TABLE ${old}`, source: src, rank: RANK.dropTable, needs: [copied] }));
  return out;
}
