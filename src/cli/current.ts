import type { Command } from './command.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetStatusCommand } from './fleet-status.js';
import { oneOf, parseArgs, str } from './args.js';
import { readRevisionDirLenient } from '../revisions/chain.js';
import { resolveTarget } from '../apply/target.js';
import { readTargetStatus } from '../apply/inspect.js';
import { revisionDir } from '../apply/options.js';
import { statusProblems } from '../apply/status-report.js';

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
    const args = parseArgs(argv, { flags: { db: 'string', dir: 'string', format: 'string', ...FLEET_FLAGS } }, 'current');
    if (wantsFleet(args)) return fleetStatusCommand(args, io, 'current');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const reading = await readRevisionDirLenient(revisionDir(args, io.cwd));
    const chain = reading.chain;
    const url = await resolveTarget({ db: str(args, 'db') }, io.env, io.cwd);
    const st = await readTargetStatus(url, chain, 'current');
    const p = statusProblems(reading, st);
    const broken = p.chain.length > 0;
    const head = broken ? null : chain.head;
    const isHead = !broken && st.current === chain.head && st.unknown.length === 0;
    const problem = p.any;
    if (format === 'json') {
      const doc = {
        current: p.current,
        head,
        isHead,
        pending: broken ? null : st.pending.map((r) => r.id),
        changed: st.changed.map((s) => ({ revision: s.revision.id, path: s.revision.path, appliedChecksum: s.applied!.checksum, fileChecksum: s.revision.actualChecksum })),
        unknownApplied: p.unknown.map((u) => ({ revision: u.revision, message: u.message, appliedAt: u.appliedAt })),
        chainProblems: p.chain,
        problems: [...p.detachedApplied, ...st.inconsistencies],
      };
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
      return problem ? 'findings' : 'ok';
    }
    io.stdout(`${p.current ?? 'base'}${isHead && st.current !== null ? ' (head)' : ''}\n`);
    if (broken) io.stdout('head: unknown (the revision chain is broken)\n');
    else {
      io.stdout(`head: ${chain.head ?? 'base'}${isHead ? ' (up to date)' : ''}\n`);
      io.stdout(`pending: ${st.pending.length}${st.pending.length ? ` (${st.pending.map((r) => r.id).join(', ')})` : ''}\n`);
    }
    if (st.changed.length === 0) io.stdout('changed: none\n');
    for (const s of st.changed) io.stdout(`CHANGED: ${s.revision.path} (revision ${s.revision.id}) differs from what was applied (${s.applied!.checksum} -> ${s.revision.actualChecksum})\n`);
    for (const u of p.unknown) io.stdout(`UNKNOWN: ${u.revision} ${JSON.stringify(u.message)} is applied but no file knows it\n`);
    for (const x of [...p.chain, ...p.detachedApplied, ...st.inconsistencies]) io.stdout(`problem: ${x}\n`);
    if (broken) io.stdout('Commands that change the database (apply, downgrade, plan, stamp) refuse until the chain is repaired; run `fas lint` for details.\n');
    return problem ? 'findings' : 'ok';
  },
};
