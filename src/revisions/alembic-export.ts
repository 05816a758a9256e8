/**
 * Export fas revisions as Alembic revision files: one op.execute per
 * statement; statements that cannot run in a transaction run inside
 * op.get_context().autocommit_block().
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Statement } from '../plan/statement.js';
import { FasError } from '../util/errors.js';
import type { Revision, RevisionFile } from './types.js';
import { pythonString } from './python-literal.js';
import { slugify } from './revision-id.js';
import { escapeForTextClause } from './sqlalchemy-text.js';

function indent(text: string, by: string): string {
  // Only the first line of an op.execute(...) is indented: continuation lines sit inside a string literal.
  return by + text;
}

function renderStatements(stmts: readonly Statement[]): string {
  if (stmts.length === 0) return '    pass\n';
  let out = '';
  stmts.forEach((s, i) => {
    const call = `op.execute(${pythonString(escapeForTextClause(s.sql))})`;
    const notes = [`step ${i + 1}: ${s.source}`, ...s.hazards.map((h) => `hazard ${h.type}: ${h.message}`)];
    if (s.lockTimeoutMs > 0 || s.statementTimeoutMs > 0) notes.push(`fas runs it with lock_timeout ${s.lockTimeoutMs}ms, statement_timeout ${s.statementTimeoutMs}ms`);
    out += notes.map((n) => `    # ${n.replace(/[\r\n\u2028\u2029]+/g, ' ')}\n`).join('');
    if (s.transactional) out += indent(call, '    ') + '\n';
    else out += '    with op.get_context().autocommit_block():\n' + indent(call, '        ') + '\n';
  });
  return out;
}

/** The Python text of one Alembic revision. */
export function renderAlembicRevision(rev: Revision, sourceFile?: string): string {
  // Ids are 12 hex digits (renderRevision and parseRevisionFile check it), so plain '...' quoting is exact.
  for (const id of [rev.id, rev.parent ?? '0'.repeat(12)]) if (!/^[0-9a-f]{12}$/.test(id)) throw new FasError('REVISION', `revision id ${JSON.stringify(id)} is not 12 lowercase hex digits`);
  const doc = [
    rev.message,
    '',
    `Revision ID: ${rev.id}`,
    `Revises: ${rev.parent ?? ''}`,
    `Create Date: ${rev.created}`,
    '',
    `Exported by fas${sourceFile ? ` from ${sourceFile}` : ''}: change the fas revision, not this file.`,
    '',
  ].join('\n');
  return [
    pythonString(doc),
    'from alembic import op',
    '',
    '# revision identifiers, used by Alembic.',
    `revision = '${rev.id}'`,
    `down_revision = ${rev.parent === null ? 'None' : `'${rev.parent}'`}`,
    'branch_labels = None',
    'depends_on = None',
    '',
    '',
    'def upgrade() -> None:',
    renderStatements(rev.upgrade),
    '',
    'def downgrade() -> None:',
    renderStatements(rev.downgrade),
  ].join('\n');
}

export function alembicFileName(rev: Revision): string {
  return `${rev.id}_${slugify(rev.message)}.py`;
}

/** Write one Alembic file per revision into outDir; returns the paths written. Exported files are regenerated, so they are overwritten. */
export async function exportAlembic(revisions: readonly (Revision | RevisionFile)[], outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const rev of revisions) {
    const path = join(outDir, alembicFileName(rev));
    const from = 'path' in rev ? `generated-migrations/${basename(rev.path)}` : undefined;
    await writeFile(path, renderAlembicRevision(rev, from));
    written.push(path);
  }
  return written;
}
