/**
 * SET NOT NULL on a table that exists, without a full scan under ACCESS EXCLUSIVE:
 * CHECK (col IS NOT NULL) NOT VALID (short) -> VALIDATE (writes go on) ->
 * SET NOT NULL (PostgreSQL 12+ sees the validated check and skips the scan) ->
 * the check dropped again.
 */
import type { ObjectId, Table } from '../../catalog/model.js';
import { id, ref, refKey } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { RANK, stmt } from '../context.js';
import type { PlannedStatement } from '../statement.js';
import { validateStatement } from './constraint-online.js';

/** The temporary check's name: fas_nn_<column>, shortened to 63 bytes. */
export function notNullCheckName(column: string): string {
  let name = `fas_nn_${column}`;
  while (Buffer.byteLength(name, 'utf8') > 63) name = name.slice(0, -1);
  return name;
}

export function setNotNullOnline(t: Table, column: string, source: string, needs: readonly ObjectId[]): PlannedStatement[] {
  const table = qualified(t.schema, t.name);
  const col = ident(column);
  const check = notNullCheckName(column);
  const cref = ref.column(t.schema, t.name, column);
  const checkRef = ref.mark('nncheck', cref);
  const checkId = refKey(checkRef);
  const notNull = id.mark('notnull', cref);
  return [
    stmt({ sql: `ALTER TABLE ${table} ADD CONSTRAINT ${ident(check)} CHECK (${col} IS NOT NULL) NOT VALID`, source, rank: RANK.alterTable, needs, provides: [checkId] }),
    validateStatement(t, check, source, checkRef),
    stmt({ sql: `ALTER TABLE ${table} ALTER COLUMN ${col} SET NOT NULL`, source, rank: RANK.alterTable, needs: [id.mark('validated', checkRef)], provides: [notNull] }),
    stmt({ sql: `ALTER TABLE ${table} DROP CONSTRAINT ${ident(check)}`, source, rank: RANK.alterTable, needs: [notNull] }),
  ];
}
