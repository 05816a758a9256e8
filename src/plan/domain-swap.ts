/**
 * A domain whose base type or collation changes cannot be altered: while
 * table columns use it, it is swapped (type-swap.ts), each column converted
 * through text to the new domain, whose constraints then check every value.
 */
import type { Domain, Table } from '../catalog/model.js';
import type { PlanContext } from './context.js';
import { domainPlanner } from './kinds/domain.js';
import { narrows } from './kinds/table-columns.js';
import { sameDefinition } from '../sql/expression-key.js';
import { hazard, type Hazard } from './hazards.js';
import type { PlannedStatement } from './statement.js';
import { typeSwapStatements, type TypeUse } from './type-swap.js';

export function domainSwapStatements(ctx: PlanContext, from: Domain, to: Domain, columns: readonly TypeUse[]): PlannedStatement[] {
  const swap = { kind: 'domain', schema: from.schema, name: from.name, create: domainPlanner.create(to, ctx), hazards: (table: Table, column: string) => conversionHazards(from, to, table, column) } as const;
  return typeSwapStatements(ctx, swap, columns);
}

/**
 * The conversion rewrites the table (REWRITES_TABLE, always), and values may not fit the new base
 * type or pass the new domain's NOT NULL and checks (NARROWS_TYPE, unless the base type only widens
 * and the new domain adds no NOT NULL and no check the old one did not have). A check kept under its
 * name across a base type change is taken as the same check: its printed form follows the base type.
 */
function conversionHazards(from: Domain, to: Domain, table: Table, column: string): Hazard[] {
  const name = `${table.schema}.${table.name}.${column}`;
  // a check of the same name is printed anew for the new base type (casts change): only a new name, or
  // a changed check on the same base type (a collation change), is one the old domain did not have
  const stricter =
    (to.notNull && !from.notNull) ||
    to.constraints.some((c) => {
      const old = from.constraints.find((o) => o.name === c.name);
      return !old || (from.baseType === to.baseType && !sameDefinition('domain-constraint', old.definition, c.definition));
    });
  return [
    hazard.rewritesTable(`${table.schema}.${table.name}`, `column ${column} is converted to the re-made domain ${to.schema}.${to.name}`),
    ...(narrows(from.baseType, to.baseType) || stricter
      ? [hazard.narrowsType(name, `${from.baseType} (domain ${from.schema}.${from.name})`, `${to.baseType} (domain ${to.schema}.${to.name}${stricter ? ', with a NOT NULL or check the old one did not have' : ''})`)]
      : []),
  ];
}
