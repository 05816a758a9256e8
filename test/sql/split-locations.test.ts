/**
 * splitStatements reports each statement's line and column (columns in UTF-16
 * units of the decoded line) the same way whatever the size of the text: line
 * starts are indexed once, not found again by decoding the whole prefix per
 * statement (which made a 3,000-table revision take minutes to read).
 */
import test from 'ava';
import { splitStatements } from '../../src/sql/parser.js';

test('line and column of statements after multibyte text, CRLF and comments', async (t) => {
  const text = "SELECT 'é€';\n-- ü comment\r\nCREATE TABLE \"tä\" (a int);\n\n  /* 𝄞 */ SELECT 2; SELECT 3;\nSELECT 4";
  const got = (await splitStatements(text)).map((s) => [s.sql, s.line, s.column]);
  t.deepEqual(got, [
    ["SELECT 'é€'", 1, 1],
    ['CREATE TABLE "tä" (a int)', 3, 1],
    ['SELECT 2', 5, 12],
    ['SELECT 3', 5, 22],
    ['SELECT 4', 6, 1],
  ]);
});

test('20,000 statements split in linear time', async (t) => {
  const text = Array.from({ length: 20000 }, (_, i) => `COMMENT ON TABLE s.t IS 'row ${i} ${'x'.repeat(200)}';`).join('\n');
  const start = process.cpuUsage();
  const stmts = await splitStatements(text);
  const cpu = process.cpuUsage(start);
  t.is(stmts.length, 20000);
  t.is(stmts[19999]!.line, 20000);
  // the quadratic version needed minutes of CPU here; linear is well under a few seconds even on a loaded machine
  t.true((cpu.user + cpu.system) / 1e6 < 20, `took ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s of CPU`);
});
