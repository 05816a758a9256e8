/** The fleet drift report: a table per target and replica, then each drift group once ("x N: names"). */
import { planJson, renderText } from '../report/render-plan.js';
import type { FleetDriftReport, TargetDrift } from './fleet-drift.js';
import type { ReplicaReport } from './replica.js';
import { renderTable, rev } from './table.js';

function kB(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function targetStatus(t: TargetDrift): string {
  const parts: string[] = [t.status === 'pending' ? `pending (${t.pending})` : t.status];
  if (t.status === 'drifted' && t.pending) parts.push(`${t.pending} revision(s) pending`);
  if (t.group !== undefined) parts.push(`see drift ${t.group}`);
  if (t.problems.length) parts.push(t.problems[0]! + (t.problems.length > 1 ? ` (+${t.problems.length - 1} more)` : ''));
  if (t.error) parts.push(t.error);
  return parts.join('; ');
}

function replicaStatus(r: ReplicaReport): string {
  const parts: string[] = [r.status];
  if (r.status === 'lagging' && r.lagBytes !== undefined) parts.push(`${kB(r.lagBytes)} behind the primary`);
  if (r.paused) parts.push('replay paused (pg_wal_replay_pause)');
  if (r.error) parts.push(r.error);
  return parts.join('; ');
}

export function driftText(report: FleetDriftReport, file: string): string {
  const rows = [
    ...report.targets.map((t) => [t.target, t.wave, 'primary', rev(t.revision), targetStatus(t)]),
    ...report.replicas.map((r) => [r.replica, '', `replica of ${r.primary}`, rev(r.revision), replicaStatus(r)]),
  ];
  const out = [`Fleet ${file} against schema/ (head ${rev(report.head)})`, '', renderTable(['target', 'wave', 'role', 'revision', 'status'], rows)];
  for (const g of report.groups) {
    out.push(`Drift ${g.id}: × ${g.targets.length} (${g.targets.join(', ')}), against ${g.against}`);
    out.push(renderText(g.changes, g.statements, g.unsupported));
  }
  const counts = new Map<string, number>();
  for (const s of [...report.targets.map((t) => t.status), ...report.replicas.map((r) => r.status)]) counts.set(s, (counts.get(s) ?? 0) + 1);
  out.push(`${report.targets.length} target(s), ${report.replicas.length} replica(s): ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')}\n`);
  return out.join('\n');
}

export function driftJson(report: FleetDriftReport, file: string): string {
  const doc = {
    file,
    head: report.head,
    inSync: report.inSync,
    targets: report.targets,
    replicas: report.replicas,
    groups: report.groups.map((g) => ({ id: g.id, count: g.targets.length, targets: g.targets, against: g.against, drift: planJson(g.changes, g.statements, g.unsupported) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
