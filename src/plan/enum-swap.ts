/**
 * Removing or reordering enum values: PostgreSQL cannot drop a value, so the
 * type is swapped. The old type is renamed aside, the new one created, every
 * column that uses it converted through text, and the old type dropped.
 * Dependents of those columns (views, indexes) are re-made by the planner.
 */
import type { EnumType, ObjectId, Table } from '../catalog/model.js';
import { id, ref } from '../catalog/identity.js';
import { ident, qualified } from '../sql/quote.js';
import { RANK, stmt, type PlanContext } from './context.js';
import { enumPlanner, enumRemovalHazard } from './kinds/enum.js';
import { nameClaim } from './kinds/names.js';
import { hazard, type Hazard } from './hazards.js';
import type { PlannedStatement } from './statement.js';

export interface EnumSwap {
  readonly enumId: ObjectId;
  readonly columns: readonly { table: Table; column: string }[];
}

/** Table columns (current catalog) whose type is this enum or an array of it. */
export function enumColumns(ctx: PlanContext, e: EnumType): { table: Table; column: string }[] {
  const name = qualified(e.schema, e.name);
  const out: { table: Table; column: string }[] = [];
  for (const t of ctx.current.tables.values())
    for (const c of t.columns) if (!c.inherited && (c.type === name || c.type === `${name}[]`)) out.push({ table: t, column: c.name });
  return out;
}

export function enumSwapStatements(ctx: PlanContext, from: EnumType, to: EnumType, columns: readonly { table: Table; column: string }[]): PlannedStatement[] {
  const tid = id.type('enum', to.schema, to.name);
  const oldName = `${from.name}__fas_old`;
  const src = `swap type ${to.schema}.${to.name}`;
  const out: PlannedStatement[] = [
    stmt({
      sql: `ALTER TYPE ${qualified(from.schema, from.name)} RENAME TO ${ident(oldName)}`,
      source: src,
      rank: RANK.alterType,
      removes: [tid, nameClaim(from.schema, from.name)],
    }),
    ...enumPlanner.create(to, ctx),
  ];
  const converted: ObjectId[] = [];
  for (const { table, column } of columns) {
    const desiredTable = ctx.desired.tables.get(id.relation('table', table.schema, table.name));
    const want = desiredTable?.columns.find((c) => c.name === column);
    const have = table.columns.find((c) => c.name === column)!;
    // a column that leaves the enum (to integer, text, ...) is changed by its table's plan, not converted here
    if (!want || (want.type !== qualified(to.schema, to.name) && want.type !== `${qualified(to.schema, to.name)}[]`)) continue;
    const cid = id.column(table.schema, table.name, column);
    const prefix = `ALTER TABLE ${qualified(table.schema, table.name)} ALTER COLUMN ${ident(column)}`;
    const isArray = have.type.endsWith('[]');
    const target = `${qualified(to.schema, to.name)}${isArray ? '[]' : ''}`;
    if (have.default !== null) out.push(stmt({ sql: `${prefix} DROP DEFAULT`, source: src, rank: RANK.dropDefault, needs: [tid] }));
    out.push(
      stmt({
        sql: `${prefix} TYPE ${target} USING ${ident(column)}::text${isArray ? '[]' : ''}::${target}`,
        source: src,
        rank: RANK.alterType,
        needs: [tid],
        removes: [cid],
        provides: [cid, id.mark('converted', ref.column(table.schema, table.name, column))],
        hazards: conversionHazards(from, to, table, column),
      }),
    );
    converted.push(id.mark('converted', ref.column(table.schema, table.name, column)));
    if (want.default !== null) out.push(stmt({ sql: `${prefix} SET DEFAULT ${want.default}`, source: src, rank: RANK.alterTable, needs: [cid] }));
  }
  out.push(
    stmt({
      sql: `DROP TYPE ${qualified(from.schema, oldName)}`,
      source: src,
      rank: RANK.dropType,
      needs: converted,
      removes: [id.type('enum', from.schema, oldName)],
    }),
  );
  return out;
}

/**
 * Converting a column to the new enum rewrites its table under an ACCESS EXCLUSIVE lock:
 * REWRITES_TABLE says so always (the size gate and the size in the hazard depend on it), and
 * ENUM_VALUE_REMOVED too when values go away (rows holding them make the conversion fail).
 */
function conversionHazards(from: EnumType, to: EnumType, table: Table, column: string): Hazard[] {
  return [...enumRemovalHazard(from, to), hazard.rewritesTable(`${table.schema}.${table.name}`, `column ${column} is converted to the re-made enum ${to.schema}.${to.name}`)];
}
