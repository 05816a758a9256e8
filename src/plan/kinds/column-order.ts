/**
 * Declared column order on a table that holds no row.
 *
 * PostgreSQL appends new columns, so a table that holds rows keeps its order
 * and the plan notes the declared one (fas never rewrites a table for column
 * order). A table known to be empty in the database the plan is for (auto
 * online mode, sizes read from it) can reach the declared order at no cost:
 * the columns from the first one out of place onwards are dropped and added
 * again in the declared order. A guard runs first and stops the plan if the
 * table holds a row by then, so no value can be lost.
 */
import type { Column, Table } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt, type PlanContext } from '../context.js';
import { inheritingTables, ownedSequenceIds } from '../deps.js';
import { isExistingTable, isKnownEmpty } from '../online.js';
import type { PlannedStatement } from '../statement.js';

/** Name of the CHECK (false) constraint that proves the table empty; added and dropped at once. */
export const EMPTY_GUARD = 'fas_empty_guard';

/** The graph token the guard provides: the column drops of the re-order wait for it. */
export function emptyGuardToken(t: Table): string {
  return id.mark('empty-guard', ref.relation('table', t.schema, t.name));
}

const local = (t: Table): readonly Column[] => t.columns.filter((c) => !c.inherited);

/**
 * The columns to re-make so that `b`'s declared order is reached: empty when
 * the table may hold rows, when the order is reached by appending anyway, or
 * when the table takes part in inheritance or partitioning, or a moving column
 * owns a sequence (serial), whose values the re-made column could not keep.
 */
export function columnsToReorder(a: Table, b: Table, ctx: PlanContext, remade: (from: Column, to: Column) => boolean): ReadonlySet<string> {
  const none = new Set<string>();
  if (!isExistingTable(ctx, b.schema, b.name) || !isKnownEmpty(ctx, b.schema, b.name)) return none;
  if (a.partitionOf || b.partitionOf || a.partitioning || b.partitioning || a.inherits.length || b.inherits.length) return none;
  if (inheritingTables(ctx.current, a.schema, a.name).length) return none;
  const before = new Map(local(a).map((c, i) => [c.name, { column: c, at: i }]));
  const want = local(b);
  // kept in place: the longest prefix of the declared order that already stands in that order
  let last = -1;
  let k = 0;
  for (; k < want.length; k++) {
    const old = before.get(want[k]!.name);
    if (!old || old.at <= last || remade(old.column, want[k]!)) break;
    last = old.at;
  }
  const moving = want.slice(k).filter((c) => {
    const old = before.get(c.name);
    return old && !remade(old.column, c);
  });
  if (!moving.length) return none;
  if (moving.some((c) => ownedSequenceIds(ctx.current, a.schema, a.name, c.name).length)) return none;
  return new Set(moving.map((c) => c.name));
}

/** ADD CONSTRAINT fas_empty_guard CHECK (false) (fails on any row), then DROP it: both before the re-made columns are dropped. */
export function emptyGuardStatements(t: Table): PlannedStatement[] {
  const name = qualified(t.schema, t.name);
  const tid = id.relation('table', t.schema, t.name);
  const source = `column order of ${t.schema}.${t.name} (the table holds no row)`;
  const added = `${emptyGuardToken(t)}:added`;
  return [
    stmt({ sql: `ALTER TABLE ${name} ADD CONSTRAINT ${ident(EMPTY_GUARD)} CHECK (false)`, source, rank: RANK.alterTable, needs: [tid], provides: [added] }),
    stmt({ sql: `ALTER TABLE ${name} DROP CONSTRAINT ${ident(EMPTY_GUARD)}`, source, rank: RANK.alterTable, needs: [added], provides: [emptyGuardToken(t)] }),
  ];
}
