import type pg from 'pg';
import type { Statement } from '../plan/statement.js';
import type { FasError } from '../util/errors.js';

/** Run statements one by one on a (scratch) connection; a failure becomes the caller's error. */
export async function replay(
  client: pg.Client,
  statements: readonly Statement[],
  fail: (step: number, statement: Statement, message: string) => FasError,
): Promise<void> {
  for (const [i, s] of statements.entries()) {
    try {
      await client.query(s.sql);
    } catch (e) {
      throw fail(i + 1, s, (e as Error).message);
    }
  }
}
