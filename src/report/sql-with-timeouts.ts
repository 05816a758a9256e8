/**
 * `fas diff --format sql`: each statement preceded by the SET lock_timeout /
 * SET statement_timeout it runs under in `fas apply` (only where they change),
 * so that psql gets the same safety.
 */
import type { Statement } from '../plan/statement.js';
import { renderSql } from './render-plan.js';

export function renderSqlWithTimeouts(statements: readonly Statement[]): string {
  const blocks: string[] = [];
  let lock: number | undefined;
  let stmt: number | undefined;
  for (const s of statements) {
    let block = '';
    if (s.lockTimeoutMs !== lock) block += `SET lock_timeout = '${(lock = s.lockTimeoutMs)}ms';\n`;
    if (s.statementTimeoutMs !== stmt) block += `SET statement_timeout = '${(stmt = s.statementTimeoutMs)}ms';\n`;
    blocks.push(block + renderSql([s]));
  }
  return blocks.join('\n');
}
