/** Rendering of fas current / fas history --targets. */
import type { RevisionChain } from '../revisions/types.js';
import type { TargetRevisionStatus } from './fleet-status.js';
import { renderTable, rev } from './table.js';

export function currentTable(rows: readonly TargetRevisionStatus[], chain: RevisionChain): string {
  const body = rows.map((r) => [
    r.target,
    r.wave,
    r.status === 'unreachable' ? '?' : rev(r.current) + (r.current === chain.head && r.current !== null ? ' (head)' : ''),
    String(r.pending.length),
    [r.status, ...r.problems, ...(r.error ? [r.error] : [])].join('; '),
  ]);
  return renderTable(['target', 'wave', 'revision', 'pending', 'status'], body) + `head: ${rev(chain.head)}\n`;
}

export function currentJson(rows: readonly TargetRevisionStatus[], chain: RevisionChain): string {
  return JSON.stringify({ head: chain.head, targets: rows }, null, 2) + '\n';
}

/** Each revision of the chain with the targets that applied it. */
export function historyText(rows: readonly TargetRevisionStatus[], chain: RevisionChain): string {
  const reachable = rows.filter((r) => r.status !== 'unreachable');
  const lines: string[] = chain.revisions.length ? [] : ['no revisions'];
  for (const r of chain.revisions) {
    const on = reachable.filter((x) => x.applied.includes(r.id)).map((x) => x.target);
    const missing = reachable.filter((x) => !x.applied.includes(r.id)).map((x) => x.target);
    const where = reachable.length === 0 ? 'no target reachable' : missing.length === 0 ? `applied on all ${on.length}` : `applied on ${on.length}/${reachable.length}; pending on ${missing.join(', ')}`;
    lines.push(`${r.parent ?? 'base'} -> ${r.id}  ${r.message}${r.id === chain.head ? '  [head]' : ''}  (${where})`);
  }
  for (const x of rows) {
    if (x.status === 'unreachable') lines.push(`${x.target}: unreachable: ${x.error}`);
    for (const p of x.problems) lines.push(`${x.target}: problem: ${p}`);
  }
  return lines.join('\n') + '\n';
}

export function historyJson(rows: readonly TargetRevisionStatus[], chain: RevisionChain): string {
  const reachable = rows.filter((r) => r.status !== 'unreachable');
  const doc = {
    head: chain.head,
    revisions: chain.revisions.map((r) => ({
      id: r.id,
      parent: r.parent,
      message: r.message,
      path: r.path,
      appliedOn: reachable.filter((x) => x.applied.includes(r.id)).map((x) => x.target),
      pendingOn: reachable.filter((x) => !x.applied.includes(r.id)).map((x) => x.target),
    })),
    targets: rows,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
