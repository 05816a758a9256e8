import { parseSingle } from '../sql/parser.js';
import { FasError } from '../util/errors.js';
import type { Statement } from './statement.js';

/** Every statement of a plan must be exactly one statement, as the real parser sees it. */
export async function checkSingleStatements(statements: readonly Statement[]): Promise<void> {
  for (const [i, s] of statements.entries()) {
    try {
      await parseSingle(s.sql);
    } catch (e) {
      throw new FasError('INTERNAL', `statement ${i + 1} of the plan (${s.source}) is not exactly one parseable statement: ${(e as Error).message}\n  ${s.sql}`);
    }
  }
}
