/**
 * A user type that PostgreSQL cannot change in place while columns use it (an
 * enum losing or reordering values, a domain changing its base type or
 * collation) is swapped: the old type is renamed aside, the new one created,
 * every table column that uses it converted through text, and the old type
 * dropped. Dependents of those columns (views, indexes) are re-made by the
 * planner; a partitioned table whose key column uses the type is made again
 * instead (expand.ts), as PostgreSQL cannot convert a key column.
 */
import type { ObjectId, Table } from '../catalog/model.js';
import { id, ref } from '../catalog/identity.js';
import { ident, qualified } from '../sql/quote.js';
import { RANK, stmt, type PlanContext } from './context.js';
import { nameClaim } from './kinds/names.js';
import type { Hazard } from './hazards.js';
import { sameDefinition } from '../sql/expression-key.js';
import type { PlannedStatement } from './statement.js';

/** A table column (current catalog) whose type is a swapped type or an array of it. */
export type TypeUse = { readonly table: Table; readonly column: string };

/** Table columns (current catalog) whose type is this type or an array of it; inherited ones follow their parent. */
export function columnsOfType(ctx: PlanContext, schema: string, name: string): TypeUse[] {
  const printed = qualified(schema, name);
  const out: TypeUse[] = [];
  for (const t of ctx.current.tables.values())
    for (const c of t.columns) if (!c.inherited && (c.type === printed || c.type === `${printed}[]`)) out.push({ table: t, column: c.name });
  return out;
}

/** A swap: the enum or domain `schema.name`, the statements that create its new form, the hazards of converting one column. */
export interface TypeSwap {
  readonly kind: 'enum' | 'domain';
  readonly schema: string;
  readonly name: string;
  readonly create: readonly PlannedStatement[];
  readonly hazards: (table: Table, column: string) => Hazard[];
}

/** The word of ALTER ... RENAME and DROP. */
const KEYWORD: Record<TypeSwap['kind'], string> = { enum: 'TYPE', domain: 'DOMAIN' };

export function typeSwapStatements(ctx: PlanContext, swap: TypeSwap, columns: readonly TypeUse[]): PlannedStatement[] {
  const { kind, schema, name } = swap;
  const keyword = KEYWORD[kind];
  const tid = id.type(kind, schema, name);
  const src = `swap ${keyword.toLowerCase()} ${schema}.${name}`;
  const oldName = `${name}__fas_old`;
  const target = qualified(schema, name);
  const out: PlannedStatement[] = [
    stmt({ sql: `ALTER ${keyword} ${target} RENAME TO ${ident(oldName)}`, source: src, rank: RANK.alterType, removes: [tid, nameClaim(schema, name)] }),
    ...swap.create,
  ];
  const converted: ObjectId[] = [];
  for (const { table, column } of columns) {
    const desiredTable = ctx.desired.tables.get(id.relation('table', table.schema, table.name));
    const want = desiredTable?.columns.find((c) => c.name === column);
    const have = table.columns.find((c) => c.name === column)!;
    // a column that leaves the type (to integer, text, ...) is changed by its table's plan, not converted here
    if (!want || (want.type !== target && want.type !== `${target}[]`)) continue;
    const cid = id.column(table.schema, table.name, column);
    const prefix = `ALTER TABLE ${qualified(table.schema, table.name)} ALTER COLUMN ${ident(column)}`;
    const isArray = have.type.endsWith('[]');
    const to = `${target}${isArray ? '[]' : ''}`;
    if (have.default !== null) out.push(stmt({ sql: `${prefix} DROP DEFAULT`, source: src, rank: RANK.dropDefault, needs: [tid] }));
    out.push(
      stmt({
        // a column's own COLLATE (a domain over a collatable type) is kept: without it the column takes the domain's
        sql: `${prefix} TYPE ${to}${want.collation ? ` COLLATE ${want.collation}` : ''} USING ${ident(column)}::text${isArray ? '[]' : ''}::${to}`,
        source: src,
        rank: RANK.alterType,
        needs: [tid],
        removes: [cid],
        provides: [cid, id.mark('converted', ref.column(table.schema, table.name, column))],
        hazards: swap.hazards(table, column),
      }),
    );
    converted.push(id.mark('converted', ref.column(table.schema, table.name, column)));
    // a default that changes too (a domain's printed cast follows its base type) is set by the table's own change
    if (want.default !== null && sameDefinition('expression', have.default, want.default))
      out.push(stmt({ sql: `${prefix} SET DEFAULT ${want.default}`, source: src, rank: RANK.alterTable, needs: [cid] }));
  }
  out.push(
    stmt({
      sql: `DROP ${keyword} ${qualified(schema, oldName)}`,
      source: src,
      rank: RANK.dropType,
      needs: converted,
      removes: [id.type(kind, schema, oldName)],
    }),
  );
  return out;
}
