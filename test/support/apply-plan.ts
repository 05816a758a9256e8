import type pg from 'pg';
import type { Statement } from '../../src/plan/statement.js';

/**
 * Run a plan as one transaction, except its non-transactional statements
 * (CREATE INDEX CONCURRENTLY, ...): the transaction is committed before each
 * of them and begun again after.
 */
export async function applyStatements(c: pg.Client | { query: (sql: string) => Promise<unknown> }, statements: readonly Statement[]): Promise<void> {
  let open = false;
  for (const s of statements) {
    if (s.transactional && !open) {
      await c.query('BEGIN');
      open = true;
    } else if (!s.transactional && open) {
      await c.query('COMMIT');
      open = false;
    }
    await c.query(s.sql);
  }
  if (open) await c.query('COMMIT');
}
