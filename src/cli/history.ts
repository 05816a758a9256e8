import type { Command } from './command.js';
import { bool, oneOf, parseArgs, str } from './args.js';
import { readRevisionDir } from '../revisions/chain.js';
import { configuredTarget } from '../apply/target.js';
import { readTargetStatus } from '../apply/inspect.js';
import { revisionDir } from '../apply/options.js';
import type { ChainStatus } from '../apply/status.js';
import { FasError } from '../util/errors.js';

export const historyCommand: Command = {
  name: 'history',
  summary: 'the revision chain and what the target has applied',
  usage: [
    'fas history [--verbose] [--format text|json] [--db URL] [--dir DIR]',
    '',
    'The revision chain base -> head. When a target is configured (--db or DATABASE_URL), each',
    'revision is marked applied or pending, with CHANGED when its file differs from what was applied.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { db: 'string', dir: 'string', verbose: 'boolean', format: 'string' }, aliases: { v: 'verbose' } }, 'history');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const verbose = bool(args, 'verbose');
    const chain = await readRevisionDir(revisionDir(args, io.cwd));
    const url = configuredTarget({ db: str(args, 'db') }, io.env);
    let status: ChainStatus | undefined;
    let targetError: string | undefined;
    if (url) {
      try {
        status = await readTargetStatus(url, chain, 'history');
      } catch (e) {
        if (!(e instanceof FasError) || e.code !== 'CONNECT') throw e;
        targetError = e.message;
        io.stderr(`warning: ${e.message}; showing the files only\n`);
      }
    }
    const byId = new Map(status?.revisions.map((s) => [s.revision.id, s]));
    if (format === 'json') {
      const doc = {
        head: chain.head,
        target: url ? (status ? { current: status.current, pending: status.pending.length, unknownApplied: status.unknown.map((u) => u.revision), problems: status.inconsistencies } : { error: targetError }) : null,
        revisions: chain.revisions.map((r) => {
          const s = byId.get(r.id);
          return {
            id: r.id,
            parent: r.parent,
            message: r.message,
            created: r.created,
            path: r.path,
            checksum: r.actualChecksum,
            upgradeStatements: r.upgrade.length,
            downgradeStatements: r.downgrade.length,
            hazards: [...new Set(r.upgrade.flatMap((x) => x.hazards.map((h) => h.type)))],
            ...(status ? { status: s?.applied ? 'applied' : 'pending', appliedAt: s?.applied?.appliedAt ?? null, appliedBy: s?.applied?.appliedBy ?? null, changed: s?.changed ?? false } : {}),
          };
        }),
      };
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
      return 'ok';
    }
    if (chain.revisions.length === 0) io.stdout('no revisions\n');
    for (const r of chain.revisions) {
      const s = byId.get(r.id);
      const marks: string[] = [];
      if (status) marks.push(s?.applied ? `applied ${s.applied.appliedAt}` : 'pending');
      if (s?.changed) marks.push('CHANGED');
      if (r.id === chain.head) marks.push('head');
      if (status && r.id === status.current) marks.push('current');
      io.stdout(`${r.parent ?? 'base'} -> ${r.id}  ${r.message}  (created ${r.created})${marks.length ? `  [${marks.join(', ')}]` : ''}\n`);
      if (verbose) {
        io.stdout(`    file: ${r.path}\n    checksum: ${r.actualChecksum}${r.checksum !== r.actualChecksum ? ` (header says ${r.checksum}: edited by hand)` : ''}\n`);
        io.stdout(`    statements: ${r.upgrade.length} upgrade, ${r.downgrade.length} downgrade\n`);
        const hz = [...new Set(r.upgrade.flatMap((x) => x.hazards.map((h) => h.type)))];
        if (hz.length) io.stdout(`    upgrade hazards: ${hz.join(', ')}\n`);
        if (s?.applied) io.stdout(`    applied by ${s.applied.appliedBy} in ${s.applied.durationMs} ms with ${s.applied.checksum}\n`);
      }
    }
    if (status) {
      for (const u of status.unknown) io.stdout(`applied but unknown to the files: ${u.revision} ${JSON.stringify(u.message)} (applied ${u.appliedAt})\n`);
      for (const p of status.inconsistencies) io.stdout(`problem: ${p}\n`);
    }
    return 'ok';
  },
};
