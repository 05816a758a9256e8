/**
 * Removing or reordering enum values: PostgreSQL cannot drop a value, so the
 * type is swapped (type-swap.ts): renamed aside, the new one created, every
 * column that uses it converted through text, the old type dropped.
 */
import type { EnumType, Table } from '../catalog/model.js';
import type { PlanContext } from './context.js';
import { enumPlanner, enumRemovalHazard } from './kinds/enum.js';
import { hazard, type Hazard } from './hazards.js';
import type { PlannedStatement } from './statement.js';
import { typeSwapStatements, type TypeUse } from './type-swap.js';

export function enumSwapStatements(ctx: PlanContext, from: EnumType, to: EnumType, columns: readonly TypeUse[]): PlannedStatement[] {
  const swap = { kind: 'enum', schema: from.schema, name: from.name, create: enumPlanner.create(to, ctx), hazards: (table: Table, column: string) => conversionHazards(from, to, table, column) } as const;
  return typeSwapStatements(ctx, swap, columns);
}

/**
 * Converting a column to the new enum rewrites its table under an ACCESS EXCLUSIVE lock:
 * REWRITES_TABLE says so always (the size gate and the size in the hazard depend on it), and
 * ENUM_VALUE_REMOVED too when values go away (rows holding them make the conversion fail).
 */
function conversionHazards(from: EnumType, to: EnumType, table: Table, column: string): Hazard[] {
  return [...enumRemovalHazard(from, to), hazard.rewritesTable(`${table.schema}.${table.name}`, `column ${column} is converted to the re-made enum ${to.schema}.${to.name}`)];
}
