import { loadModule } from 'libpg-query';
import { parseSyncOnce } from '../sql/parse-memo.js';
import { parseSingle } from '../sql/parser.js';
import { FasError } from '../util/errors.js';
import type { Statement } from './statement.js';

/**
 * Every statement of a plan must be exactly one statement, as the real parser sees it.
 * Each is parsed synchronously (a plan holds thousands at 3,000 tables); a statement that is
 * not exactly one is parsed again by parseSingle for the message with its position.
 */
export async function checkSingleStatements(statements: readonly Statement[]): Promise<void> {
  await loadModule();
  for (const [i, s] of statements.entries()) {
    let count = 0;
    try {
      count = parseSyncOnce(s.sql).stmts?.length ?? 0;
    } catch {
      count = -1;
    }
    if (count === 1) continue;
    try {
      await parseSingle(s.sql);
    } catch (e) {
      throw new FasError('INTERNAL', `statement ${i + 1} of the plan (${s.source}) is not exactly one parseable statement: ${(e as Error).message}\n  ${s.sql}`);
    }
    throw new FasError('INTERNAL', `statement ${i + 1} of the plan (${s.source}) is not exactly one parseable statement\n  ${s.sql}`);
  }
}
