import type { Statement } from '../../src/plan/statement.js';
import type { Revision } from '../../src/revisions/types.js';

export function stmt(sql: string, extra: Partial<Statement> = {}): Statement {
  return { sql, hazards: [], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 600000, source: sql.slice(0, 30), ...extra };
}

export function rev(id: string, parent: string | null, message: string, upgrade: Statement[] = [stmt('SELECT 1')], downgrade: Statement[] = []): Revision {
  return { id, parent, message, created: '2026-01-02T03:04:05.000Z', upgrade, downgrade };
}
