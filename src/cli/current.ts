import type { Command, Io } from './command.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetStatusCommand } from './fleet-status.js';
import { oneOf, parseArgs, str } from './args.js';
import { revisionDir } from '../apply/options.js';
import { currentFlow, type CurrentFlowResult } from '../engine/status-flow.js';
import { TARGET_REVISION_FLAGS } from './connections.js';

export const currentCommand: Command = {
  name: 'current',
  summary: "the target's revision, and whether files changed",
  usage: [
    'fas current [--format text|json] [--db URL] [--dir DIR]',
    'fas current --targets FILE [--only NAME|TAG]... [--format text|json]   (every target of a targets file)',
    '',
    "The target's revision (or base), whether it is the head, how many revisions are pending,",
    'and which applied revision files changed since they were applied. On a broken revision chain',
    '(missing file, fork, unknown parent) it still prints what it knows.',
    'Exit: 0 no problem, 1 a problem reported (changed files, unknown revisions, broken chain,',
    'alembic_version without fas history), 2 error.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { ...TARGET_REVISION_FLAGS, format: 'string', ...FLEET_FLAGS } }, 'current');
    if (wantsFleet(args)) return fleetStatusCommand(args, io, 'current');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const r = await currentFlow({ dir: revisionDir(args, io.cwd), db: str(args, 'db'), env: io.env, cwd: io.cwd, log: io.stderr });
    if (format === 'json') renderJson(r, io);
    else renderText(r, io);
    return r.problems.any ? 'findings' : 'ok';
  },
};

function isAtHead(r: CurrentFlowResult): boolean {
  const st = r.status;
  return !r.broken && st.current === r.reading.chain.head && st.unknown.length === 0;
}

function renderJson(r: CurrentFlowResult, io: Io): void {
  const st = r.status;
  const p = r.problems;
  const doc = {
    current: r.current,
    head: r.broken ? null : r.reading.chain.head,
    isHead: isAtHead(r),
    pending: r.broken ? null : st.pending.map((x) => x.id),
    changed: st.changed.map((s) => ({ revision: s.revision.id, path: s.revision.path, appliedChecksum: s.applied!.checksum, fileChecksum: s.revision.actualChecksum })),
    unknownApplied: p.unknown.map((u) => ({ revision: u.revision, message: u.message, appliedAt: u.appliedAt })),
    chainProblems: p.chain,
    problems: [...p.detachedApplied, ...st.inconsistencies],
  };
  io.stdout(JSON.stringify(doc, null, 2) + '\n');
}

function renderText(r: CurrentFlowResult, io: Io): void {
  const st = r.status;
  const p = r.problems;
  const head = r.reading.chain.head;
  const isHead = isAtHead(r);
  io.stdout(`${r.current ?? 'base'}${isHead && st.current !== null ? ' (head)' : ''}\n`);
  if (r.broken) io.stdout('head: unknown (the revision chain is broken)\n');
  else {
    io.stdout(`head: ${head ?? 'base'}${isHead ? ' (up to date)' : ''}\n`);
    io.stdout(`pending: ${st.pending.length}${st.pending.length ? ` (${st.pending.map((x) => x.id).join(', ')})` : ''}\n`);
  }
  if (st.changed.length === 0) io.stdout('changed: none\n');
  for (const s of st.changed) io.stdout(`CHANGED: ${s.revision.path} (revision ${s.revision.id}) differs from what was applied (${s.applied!.checksum} -> ${s.revision.actualChecksum})\n`);
  for (const u of p.unknown) io.stdout(`UNKNOWN: ${u.revision} ${JSON.stringify(u.message)} is applied but no file knows it\n`);
  for (const x of [...p.chain, ...p.detachedApplied, ...st.inconsistencies]) io.stdout(`problem: ${x}\n`);
  if (r.broken) io.stdout('Commands that change the database (apply, downgrade, plan, stamp) refuse until the chain is repaired; run `fas lint` for details.\n');
}
