import test from 'ava';
import { renderSqlWithTimeouts } from '../../src/report/sql-with-timeouts.js';
import type { Statement } from '../../src/plan/statement.js';

const s = (sql: string, lock: number, stmt: number, transactional = true): Statement => ({ sql, hazards: [], transactional, lockTimeoutMs: lock, statementTimeoutMs: stmt, source: sql });

test('fas diff --format sql states each step’s timeouts where they change, so psql gets the same safety', (t) => {
  const out = renderSqlWithTimeouts([
    s('ALTER TABLE app.t ADD COLUMN a int', 2000, 600000),
    s('ALTER TABLE app.t ADD COLUMN b int', 2000, 600000),
    s('CREATE INDEX CONCURRENTLY t_a_idx ON app.t (a)', 60000, 21600000, false),
  ]);
  t.is(
    out,
    [
      "SET lock_timeout = '2000ms';",
      "SET statement_timeout = '600000ms';",
      'ALTER TABLE app.t ADD COLUMN a int;',
      '',
      'ALTER TABLE app.t ADD COLUMN b int;',
      '',
      "SET lock_timeout = '60000ms';",
      "SET statement_timeout = '21600000ms';",
      '-- runs outside a transaction',
      'CREATE INDEX CONCURRENTLY t_a_idx ON app.t (a);',
      '',
    ].join('\n'),
  );
});
