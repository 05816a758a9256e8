/** The step comment grammar: what it reads, and where (1-based column) it says a line is wrong. */
import test from 'ava';
import { StepSyntaxError, parseStepComment, renderStepComment } from '../../src/revisions/step-comment.js';

const defaults = { lockTimeoutMs: 3, statementTimeoutMs: 4 };

test('a step comment round-trips, with and without the header defaults', (t) => {
  const meta = { source: 'a"b', transactional: false, lockTimeoutMs: 1, statementTimeoutMs: 4, hazards: [{ type: 'DELETES_DATA' as const, message: 'drops t' }] };
  const line = renderStepComment(12, meta, defaults).replace(/,\n--   /g, ', ');
  t.deepEqual(parseStepComment(line, defaults), { n: 12, meta });
  t.deepEqual(parseStepComment('-- step 1:\tsource\t"x" ,lock_timeout 5ms,statement_timeout 7ms  ').meta, { source: 'x', transactional: true, lockTimeoutMs: 5, statementTimeoutMs: 7, hazards: [] });
  t.deepEqual(parseStepComment('-- step 1: source "x"', defaults).meta.lockTimeoutMs, 3);
});

const errors: [string, string, number][] = [
  ['-- step : source "x"', 'step comment needs a number', 9],
  ['-- step 1 source "x"', "expected ':' after the step number", 10],
  ['-- step 1: ', 'expected a word', 12],
  ['-- step 1: source x', 'expected a "quoted" string', 19],
  ['-- step 1: source "x', 'unterminated string', 21],
  ['-- step 1: source "\\q"', 'bad string escape', 23],
  ['-- step 1: source "x", lock_timeout 1s', 'expected a duration like 3000ms', 38],
  ['-- step 1: source "x" lock_timeout 1ms', "expected ',' between step items", 23],
  ['-- step 1: source "x", bogus', 'unknown step item bogus', 29],
  ['-- step 1: source "x", hazard NOPE "m"', 'unknown hazard type NOPE', 35],
  ['-- step 1: lock_timeout 1ms, statement_timeout 2ms', 'step comment lacks source', 51],
  ['-- step 1: source "x"', 'step comment lacks lock_timeout (and the header states no default)', 22],
  ['-- step 1: source "x", lock_timeout 1ms', 'step comment lacks statement_timeout (and the header states no default)', 40],
];

for (const [line, message, column] of errors) {
  test(`step comment error: ${message} (${line})`, (t) => {
    const e = t.throws(() => parseStepComment(line), { instanceOf: StepSyntaxError });
    t.is(e?.message, message);
    t.is((e as StepSyntaxError).column, column);
  });
}
