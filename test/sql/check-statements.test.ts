/** Every statement of a plan is exactly one statement as the real parser sees it. */
import test from 'ava';
import { checkSingleStatements } from '../../src/plan/check-statements.js';
import type { Statement } from '../../src/plan/statement.js';

const st = (sql: string): Statement => ({ sql, hazards: [], transactional: true, lockTimeoutMs: 1, statementTimeoutMs: 1, source: 'test' });

test('single statements pass, with semicolons inside literals, dollar quotes and comments', async (t) => {
  await t.notThrowsAsync(
    checkSingleStatements([
      st("CREATE TABLE a (v text DEFAULT ';')"),
      st('CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$'),
      st('-- a comment; with a semicolon\nDROP TABLE a'),
    ]),
  );
});

test('two statements in one, an empty one and a syntax error are refused with their number', async (t) => {
  const two = await t.throwsAsync(checkSingleStatements([st('SELECT 1'), st('DROP TABLE a; DROP TABLE b')]));
  t.regex(two!.message, /statement 2 of the plan \(test\) is not exactly one parseable statement: expected exactly one statement, found 2/);
  const empty = await t.throwsAsync(checkSingleStatements([st('-- only a comment')]));
  t.regex(empty!.message, /statement 1 of the plan/);
  const bad = await t.throwsAsync(checkSingleStatements([st('SELECT 1'), st('SELEC 2')]));
  t.regex(bad!.message, /statement 2 of the plan \(test\) is not exactly one parseable statement: syntax error/);
});
