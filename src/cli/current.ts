import type { Command } from './command.js';
import { oneOf, parseArgs, str } from './args.js';
import { readRevisionDir } from '../revisions/chain.js';
import { resolveTarget } from '../apply/target.js';
import { readTargetStatus } from '../apply/inspect.js';
import { revisionDir } from '../apply/options.js';

export const currentCommand: Command = {
  name: 'current',
  summary: "the target's revision, and whether files changed",
  usage: [
    'fas current [--format text|json] [--db URL] [--dir DIR]',
    '',
    "The target's revision (or base), whether it is the head, how many revisions are pending,",
    'and which applied revision files changed since they were applied.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { db: 'string', dir: 'string', format: 'string' } }, 'current');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const chain = await readRevisionDir(revisionDir(args, io.cwd));
    const url = await resolveTarget({ db: str(args, 'db') }, io.env, io.cwd);
    const st = await readTargetStatus(url, chain, 'current');
    const isHead = st.current === chain.head && st.unknown.length === 0;
    if (format === 'json') {
      const doc = {
        current: st.current,
        head: chain.head,
        isHead,
        pending: st.pending.map((r) => r.id),
        changed: st.changed.map((s) => ({ revision: s.revision.id, path: s.revision.path, appliedChecksum: s.applied!.checksum, fileChecksum: s.revision.actualChecksum })),
        unknownApplied: st.unknown.map((u) => ({ revision: u.revision, message: u.message, appliedAt: u.appliedAt })),
        problems: st.inconsistencies,
      };
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
      return 'ok';
    }
    const cur = st.current === null ? 'base' : st.current;
    io.stdout(`${cur}${isHead && st.current !== null ? ' (head)' : ''}\n`);
    io.stdout(`head: ${chain.head ?? 'base'}${isHead ? ' (up to date)' : ''}\n`);
    io.stdout(`pending: ${st.pending.length}${st.pending.length ? ` (${st.pending.map((r) => r.id).join(', ')})` : ''}\n`);
    if (st.changed.length === 0) io.stdout('changed: none\n');
    for (const s of st.changed) io.stdout(`CHANGED: ${s.revision.path} (revision ${s.revision.id}) differs from what was applied (${s.applied!.checksum} -> ${s.revision.actualChecksum})\n`);
    for (const u of st.unknown) io.stdout(`UNKNOWN: ${u.revision} ${JSON.stringify(u.message)} is applied but no file knows it\n`);
    for (const p of st.inconsistencies) io.stdout(`problem: ${p}\n`);
    return 'ok';
  },
};
