import type { EnumType } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { literal, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { createTypeStatements, dropTypeStatements, typeAnnotationChanges } from './user-type.js';

/** True when `to` keeps every value of `from` in the same relative order. */
function onlyAdds(from: readonly string[], to: readonly string[]): boolean {
  let j = 0;
  for (const v of to) if (j < from.length && v === from[j]) j++;
  return j === from.length && from.every((v) => to.includes(v));
}

export const enumPlanner: KindPlanner<EnumType> = {
  create(o, ctx) {
    return createTypeStatements('enum', o, ctx, `AS ENUM (${o.values.map(literal).join(', ')})`);
  },
  drop(o, ctx) {
    return dropTypeStatements('enum', o, ctx);
  },
  alter(a, b) {
    const tid = id.type('enum', b.schema, b.name);
    const name = qualified(b.schema, b.name);
    const src = `alter type ${b.schema}.${b.name}`;
    if (!onlyAdds(a.values, b.values)) return 'recreate';
    const out = [];
    for (let i = 0; i < b.values.length; i++) {
      const v = b.values[i]!;
      if (a.values.includes(v)) continue;
      // place it after its predecessor in the desired order, or before the first value
      const after = b.values.slice(0, i).reverse().find((x) => a.values.includes(x) || b.values.indexOf(x) < i);
      const position = after !== undefined ? ` AFTER ${literal(after)}` : b.values[i + 1] !== undefined ? ` BEFORE ${literal(b.values[i + 1]!)}` : '';
      out.push(stmt({ sql: `ALTER TYPE ${name} ADD VALUE ${literal(v)}${position}`, source: src, rank: RANK.alterType, provides: [tid], uses: [tid] }));
    }
    out.push(...typeAnnotationChanges('enum', a, b));
    return out;
  },
};

export function enumRemovalHazard(a: EnumType, b: EnumType) {
  const removed = a.values.filter((v) => !b.values.includes(v));
  return removed.length ? [hazard.enumValueRemoved(`${a.schema}.${a.name}`, removed)] : [];
}
