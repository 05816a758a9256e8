import type { Command, Io } from './command.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetStatusCommand } from './fleet-status.js';
import { bool, oneOf, parseArgs, str } from './args.js';
import type { RevisionFile } from '../revisions/types.js';
import { revisionDir } from '../apply/options.js';
import type { RevisionStatus } from '../apply/status.js';
import { historyFlow, type StatusFlowResult } from '../engine/status-flow.js';
import { TARGET_REVISION_FLAGS } from './connections.js';

export const historyCommand: Command = {
  name: 'history',
  summary: 'the revision chain and what the target has applied',
  usage: [
    'fas history [--verbose] [--format text|json] [--db URL] [--dir DIR]',
    'fas history --targets FILE [--only NAME|TAG]... [--format text|json]   (where each revision is applied)',
    '',
    'The revision chain base -> head. When a target is configured (--db or DATABASE_URL), each',
    'revision is marked applied or pending, with CHANGED when its file differs from what was applied.',
    'On a broken chain (missing file, fork, unknown parent) it lists every file it could read.',
    'Exit: 0 no problem, 1 a problem reported, 2 error.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { ...TARGET_REVISION_FLAGS, verbose: 'boolean', format: 'string', ...FLEET_FLAGS }, aliases: { v: 'verbose' } }, 'history');
    if (wantsFleet(args)) return fleetStatusCommand(args, io, 'history');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const r = await historyFlow({ dir: revisionDir(args, io.cwd), db: str(args, 'db'), env: io.env, cwd: io.cwd, log: io.stderr });
    const view = historyView(r);
    if (format === 'json') io.stdout(JSON.stringify(historyJson(view), null, 2) + '\n');
    else renderText(view, bool(args, 'verbose'), io);
    return r.problems.any ? 'findings' : 'ok';
  },
};

/** The flow's result with what both renderings look up per revision. */
interface HistoryView {
  readonly r: StatusFlowResult;
  /** The chain from base first, then the files it does not reach. */
  readonly listed: readonly RevisionFile[];
  readonly reached: ReadonlySet<string>;
  readonly byId: ReadonlyMap<string, RevisionStatus>;
  /** Applied revisions the chain does not know (some have a detached file). */
  readonly appliedIds: ReadonlySet<string>;
}

function historyView(r: StatusFlowResult): HistoryView {
  const chain = r.reading.chain;
  return {
    r,
    listed: [...chain.revisions, ...r.reading.detached],
    reached: new Set(chain.revisions.map((x) => x.id)),
    byId: new Map(r.status?.revisions.map((s) => [s.revision.id, s])),
    appliedIds: new Set(r.status?.unknown.map((u) => u.revision)),
  };
}

function hazardsOf(r: RevisionFile): string[] {
  return [...new Set(r.upgrade.flatMap((x) => x.hazards.map((h) => h.type)))];
}

function targetJson({ r }: HistoryView): object | null {
  const p = r.problems;
  if (!r.hasTarget) return null;
  if (!r.status) return { error: r.targetError };
  return { current: r.current, pending: r.broken ? null : r.status.pending.length, unknownApplied: p.unknown.map((u) => u.revision), problems: [...p.detachedApplied, ...r.status.inconsistencies] };
}

function historyJson(v: HistoryView): object {
  const { r } = v;
  return {
    head: r.broken ? null : r.reading.chain.head,
    chainProblems: r.problems.chain,
    target: targetJson(v),
    revisions: v.listed.map((x) => {
      const s = v.byId.get(x.id);
      const applied = s?.applied !== undefined || v.appliedIds.has(x.id);
      return {
        id: x.id,
        parent: x.parent,
        message: x.message,
        created: x.created,
        path: x.path,
        checksum: x.actualChecksum,
        sealed: x.checksum === x.actualChecksum,
        inChain: v.reached.has(x.id),
        upgradeStatements: x.upgrade.length,
        downgradeStatements: x.downgrade.length,
        hazards: hazardsOf(x),
        ...(r.status ? { status: applied ? 'applied' : 'pending', appliedAt: s?.applied?.appliedAt ?? null, appliedBy: s?.applied?.appliedBy ?? null, changed: s?.changed ?? false } : {}),
      };
    }),
  };
}

function marks(v: HistoryView, x: RevisionFile): string[] {
  const { r } = v;
  const s = v.byId.get(x.id);
  const out: string[] = [];
  if (r.status) out.push(s?.applied ? `applied ${s.applied.appliedAt}` : v.appliedIds.has(x.id) ? 'applied' : 'pending');
  if (s?.changed) out.push('CHANGED');
  if (x.checksum !== x.actualChecksum) out.push('edited, not sealed');
  if (!v.reached.has(x.id)) out.push('NOT REACHED FROM BASE');
  if (!r.broken && x.id === r.reading.chain.head) out.push('head');
  if (r.status && x.id === r.current) out.push('current');
  return out;
}

function renderText(v: HistoryView, verbose: boolean, io: Io): void {
  const { r } = v;
  if (v.listed.length === 0) io.stdout('no revisions\n');
  for (const x of v.listed) {
    const m = marks(v, x);
    io.stdout(`${x.parent ?? 'base'} -> ${x.id}  ${x.message}  (created ${x.created})${m.length ? `  [${m.join(', ')}]` : ''}\n`);
    if (verbose) renderDetails(x, v.byId.get(x.id), io);
  }
  for (const x of r.problems.chain) io.stdout(`problem: ${x}\n`);
  if (r.status) {
    for (const u of r.problems.unknown) io.stdout(`applied but unknown to the files: ${u.revision} ${JSON.stringify(u.message)} (applied ${u.appliedAt})\n`);
    for (const x of [...r.problems.detachedApplied, ...r.status.inconsistencies]) io.stdout(`problem: ${x}\n`);
  }
}

/** --verbose: the file, checksum, statements, hazards and who applied it. */
function renderDetails(x: RevisionFile, s: RevisionStatus | undefined, io: Io): void {
  io.stdout(`    file: ${x.path}\n    checksum: ${x.actualChecksum}${x.checksum !== x.actualChecksum ? ` (header says ${x.checksum}: edited by hand)` : ''}\n`);
  io.stdout(`    statements: ${x.upgrade.length} upgrade, ${x.downgrade.length} downgrade\n`);
  const hz = hazardsOf(x);
  if (hz.length) io.stdout(`    upgrade hazards: ${hz.join(', ')}\n`);
  if (s?.applied) io.stdout(`    applied by ${s.applied.appliedBy} in ${s.applied.durationMs} ms with ${s.applied.checksum}\n`);
}
