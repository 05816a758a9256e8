/**
 * Constraints added to a table that exists, without holding a write-blocking
 * lock across a scan:
 *   FOREIGN KEY, CHECK: ADD ... NOT VALID (short), then VALIDATE CONSTRAINT (writes go on);
 *   UNIQUE, PRIMARY KEY: CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... USING INDEX (short).
 */
import type { Column, Constraint, Table } from '../../catalog/model.js';
import type { PlanContext } from '../context.js';
import { isExistingTable } from '../online.js';
import { id, ref, refKey, type Ref } from '../../catalog/identity.js';
import { isNotValid, keyParts } from '../../sql/constraint-sql.js';
import { ident, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt } from '../context.js';
import { LONG_LOCK_TIMEOUT_MS, LONG_STATEMENT_TIMEOUT_MS } from '../online.js';
import type { Hazard } from '../hazards.js';
import type { PlannedStatement } from '../statement.js';
import { nameClaim } from './names.js';
import { indexColumns } from '../index-columns.js';

/** VALIDATE CONSTRAINT: SHARE UPDATE EXCLUSIVE, so writers go on while it scans. */
export function validateStatement(t: Table, name: string, source: string, after: Ref): PlannedStatement {
  return stmt({
    sql: `ALTER TABLE ${qualified(t.schema, t.name)} VALIDATE CONSTRAINT ${ident(name)}`,
    source,
    rank: RANK.addConstraint,
    needs: [refKey(after)],
    provides: [id.mark('validated', after)],
    hazards: [hazard.validatesOnline(`${t.schema}.${t.name}.${name}`)],
    lockTimeoutMs: LONG_LOCK_TIMEOUT_MS,
    statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
  });
}

/**
 * The online form of `plain` (the one-statement ADD CONSTRAINT) on an existing
 * table, or null when the plain form is the right one (already NOT VALID,
 * exclusion constraints, key definitions an index cannot take).
 */
export function onlineAddConstraint(t: Table, c: Constraint, plain: PlannedStatement): PlannedStatement[] | null {
  const constraint = ref.constraint(t.schema, t.name, c.name);
  const keyIndex = id.mark('keyindex', constraint);
  if (c.type === 'f' || c.type === 'c') {
    if (isNotValid(c.definition)) return null;
    return [{ ...plain, sql: `${plain.sql} NOT VALID`, hazards: [] }, validateStatement(t, c.name, plain.source, constraint)];
  }
  if (c.type !== 'u' && c.type !== 'p') return null;
  const k = keyParts(c.definition);
  if (!k) return null;
  const table = qualified(t.schema, t.name);
  const claim = nameClaim(t.schema, c.name);
  const tail = [k.include, k.nullsNotDistinct ? 'NULLS NOT DISTINCT' : '', k.storage].filter(Boolean).join(' ');
  const build = stmt({
    sql: `CREATE UNIQUE INDEX CONCURRENTLY ${ident(c.name)} ON ${table} ${k.columns}${tail ? ` ${tail}` : ''}`,
    source: plain.source,
    rank: RANK.addConstraint,
    provides: [claim, keyIndex],
    // the key's columns first: a column this plan adds (after its type, say) must exist before the build
    needs: [...plain.needs, ...[...indexColumns(`CREATE INDEX x ON t ${k.columns}`)].map((n) => id.column(t.schema, t.name, n))],
    hazards: [hazard.indexBuildOnline(`${t.schema}.${c.name}`), hazard.notTransactional('CREATE UNIQUE INDEX CONCURRENTLY')],
    transactional: false,
    lockTimeoutMs: LONG_LOCK_TIMEOUT_MS,
    statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
  });
  const attach = {
    ...plain,
    sql: `ALTER TABLE ${table} ADD CONSTRAINT ${ident(c.name)} ${k.kind} USING INDEX ${ident(c.name)}${k.attributes ? ` ${k.attributes}` : ''}`,
    provides: plain.provides.filter((p) => p !== claim),
    // a primary key after its columns became NOT NULL through a validated check (else it scans under ACCESS EXCLUSIVE)
    needs: [...plain.needs, keyIndex, ...(c.type === 'p' ? t.columns.map((col) => id.mark('notnull', ref.column(t.schema, t.name, col.name))) : [])],
    hazards: [],
  };
  return [build, attach];
}

/**
 * ADD COLUMN with a default that calls a VOLATILE function (decided by the server from
 * pg_proc.provolatile at introspection) evaluates it for every row: a rewrite under
 * ACCESS EXCLUSIVE on a table that exists. The hazard names the safe split.
 */
export function volatileDefaultHazards(t: Table, c: Column, ctx: PlanContext): Hazard[] {
  if (!c.defaultVolatile || !isExistingTable(ctx, t.schema, t.name)) return [];
  return [
    hazard.rewritesTable(
      `${t.schema}.${t.name}`,
      `new column ${c.name} has the volatile default ${c.default}; safe split: add the column without a default, SET DEFAULT, then backfill existing rows in batches`,
    ),
  ];
}
