/**
 * Render a revision as its file text: a header of `--` lines, then an
 * `-- upgrade` and a `-- downgrade` section of single statements, each ending
 * in ';' and preceded by its step comment. psql can run the upgrade section as is.
 */
import type { Statement } from '../plan/statement.js';
import { FasError } from '../util/errors.js';
import type { Revision } from './types.js';
import { CHECKSUM_PREFIX, checksumOf } from './checksum.js';
import { isRevisionId } from './revision-id.js';
import { renderStepComment, type StepDefaults } from './step-comment.js';
import { DEFAULT_LOCK_TIMEOUT_MS, DEFAULT_STATEMENT_TIMEOUT_MS } from '../plan/statement.js';

export const FILE_MARKER = '-- fas revision';
export const UPGRADE_MARKER = '-- upgrade';
export const DOWNGRADE_MARKER = '-- downgrade';
/** The header field that states the steps' timeouts once; a step names its own only where they differ. */
export const TIMEOUTS_FIELD = 'timeouts';
export const HEADER_DEFAULTS: StepDefaults = { lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS, statementTimeoutMs: DEFAULT_STATEMENT_TIMEOUT_MS };

export function renderTimeouts(d: StepDefaults): string {
  return `lock_timeout ${d.lockTimeoutMs}ms, statement_timeout ${d.statementTimeoutMs}ms`;
}

/** The value of the `-- timeouts:` header field, or null when it does not read as renderTimeouts writes it. */
export function parseTimeouts(value: string): StepDefaults | null {
  const m = /^lock_timeout (\d+)ms, statement_timeout (\d+)ms$/.exec(value);
  if (!m) return null;
  const d = { lockTimeoutMs: Number(m[1]), statementTimeoutMs: Number(m[2]) };
  return Number.isSafeInteger(d.lockTimeoutMs) && Number.isSafeInteger(d.statementTimeoutMs) ? d : null;
}

/** Trim ASCII whitespace only (PostgreSQL treats other code points as identifier characters). */
export function trimAscii(s: string): string {
  return trimEndAscii(s.replace(/^[ \t\n\r\f\v]+/, ''));
}

export function trimEndAscii(s: string): string {
  let end = s.length;
  while (end > 0 && ' \t\n\r\f\v'.includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

function badRevision(rev: Revision, msg: string): never {
  throw new FasError('REVISION', `revision ${rev.id}: ${msg}`);
}

function renderStatement(rev: Revision, section: string, n: number, s: Statement): string {
  const sql = trimAscii(s.sql);
  if (sql === '') badRevision(rev, `${section} step ${n} has no SQL`);
  for (const t of [s.lockTimeoutMs, s.statementTimeoutMs]) {
    if (!Number.isSafeInteger(t) || t < 0) badRevision(rev, `${section} step ${n}: timeouts must be whole milliseconds >= 0, got ${t}`);
  }
  // A line comment on the last line would swallow the ';': end the statement on its own line then.
  const lastLine = sql.slice(sql.lastIndexOf('\n') + 1);
  const terminator = lastLine.includes('--') ? '\n;' : ';';
  return `${renderStepComment(n, s, HEADER_DEFAULTS)}\n${sql}${terminator}\n`;
}

function renderSection(rev: Revision, marker: string, statements: readonly Statement[]): string {
  const name = marker.slice(3);
  return `${marker}\n\n` + statements.map((s, i) => renderStatement(rev, name, i + 1, s) + '\n').join('');
}

/** The file text of a revision, with its checksum embedded. */
export function renderRevision(rev: Revision): string {
  if (!isRevisionId(rev.id)) badRevision(rev, 'the id must be 12 lowercase hex digits');
  if (rev.parent !== null && !isRevisionId(rev.parent)) badRevision(rev, `parent ${rev.parent} is not 12 lowercase hex digits`);
  if (rev.parent === rev.id) badRevision(rev, 'a revision cannot be its own parent');
  if (!rev.created || /[\r\n]/.test(rev.created)) badRevision(rev, 'created must be a one-line ISO time');
  const head = [
    FILE_MARKER,
    `-- revision: ${rev.id}`,
    `-- parent: ${rev.parent ?? 'base'}`,
    `-- message: ${JSON.stringify(rev.message)}`,
    `-- created: ${rev.created}`,
  ].join('\n');
  // after the checksum line, which stays the 6th line of every file
  const body = `\n-- ${TIMEOUTS_FIELD}: ${renderTimeouts(HEADER_DEFAULTS)}\n\n` + renderSection(rev, UPGRADE_MARKER, rev.upgrade) + renderSection(rev, DOWNGRADE_MARKER, rev.downgrade);
  const blanked = `${head}\n${CHECKSUM_PREFIX}${body}`;
  return `${head}\n${CHECKSUM_PREFIX}${checksumOf(blanked)}${body}`;
}
