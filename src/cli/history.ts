import type { Command } from './command.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetStatusCommand } from './fleet-status.js';
import { bool, oneOf, parseArgs, str } from './args.js';
import { readRevisionDirLenient } from '../revisions/chain.js';
import type { RevisionFile } from '../revisions/types.js';
import { configuredTarget } from '../apply/target.js';
import { readTargetStatus } from '../apply/inspect.js';
import { revisionDir } from '../apply/options.js';
import type { ChainStatus } from '../apply/status.js';
import { statusProblems } from '../apply/status-report.js';
import { FasError } from '../util/errors.js';

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
    const args = parseArgs(argv, { flags: { db: 'string', dir: 'string', verbose: 'boolean', format: 'string', ...FLEET_FLAGS }, aliases: { v: 'verbose' } }, 'history');
    if (wantsFleet(args)) return fleetStatusCommand(args, io, 'history');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const verbose = bool(args, 'verbose');
    const reading = await readRevisionDirLenient(revisionDir(args, io.cwd));
    const chain = reading.chain;
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
    const p = statusProblems(reading, status);
    const broken = p.chain.length > 0;
    const byId = new Map(status?.revisions.map((s) => [s.revision.id, s]));
    const appliedIds = new Set(status?.unknown.map((u) => u.revision));
    // the chain from base first, then the files it does not reach
    const listed: readonly RevisionFile[] = [...chain.revisions, ...reading.detached];
    const reached = new Set(chain.revisions.map((r) => r.id));
    const hazardsOf = (r: RevisionFile) => [...new Set(r.upgrade.flatMap((x) => x.hazards.map((h) => h.type)))];
    if (format === 'json') {
      const doc = {
        head: broken ? null : chain.head,
        chainProblems: p.chain,
        target: url
          ? status
            ? { current: p.current, pending: broken ? null : status.pending.length, unknownApplied: p.unknown.map((u) => u.revision), problems: [...p.detachedApplied, ...status.inconsistencies] }
            : { error: targetError }
          : null,
        revisions: listed.map((r) => {
          const s = byId.get(r.id);
          const applied = s?.applied !== undefined || appliedIds.has(r.id);
          return {
            id: r.id,
            parent: r.parent,
            message: r.message,
            created: r.created,
            path: r.path,
            checksum: r.actualChecksum,
            sealed: r.checksum === r.actualChecksum,
            inChain: reached.has(r.id),
            upgradeStatements: r.upgrade.length,
            downgradeStatements: r.downgrade.length,
            hazards: hazardsOf(r),
            ...(status ? { status: applied ? 'applied' : 'pending', appliedAt: s?.applied?.appliedAt ?? null, appliedBy: s?.applied?.appliedBy ?? null, changed: s?.changed ?? false } : {}),
          };
        }),
      };
      io.stdout(JSON.stringify(doc, null, 2) + '\n');
      return p.any ? 'findings' : 'ok';
    }
    if (listed.length === 0) io.stdout('no revisions\n');
    for (const r of listed) {
      const s = byId.get(r.id);
      const marks: string[] = [];
      if (status) marks.push(s?.applied ? `applied ${s.applied.appliedAt}` : appliedIds.has(r.id) ? 'applied' : 'pending');
      if (s?.changed) marks.push('CHANGED');
      if (r.checksum !== r.actualChecksum) marks.push('edited, not sealed');
      if (!reached.has(r.id)) marks.push('NOT REACHED FROM BASE');
      if (!broken && r.id === chain.head) marks.push('head');
      if (status && r.id === p.current) marks.push('current');
      io.stdout(`${r.parent ?? 'base'} -> ${r.id}  ${r.message}  (created ${r.created})${marks.length ? `  [${marks.join(', ')}]` : ''}\n`);
      if (verbose) {
        io.stdout(`    file: ${r.path}\n    checksum: ${r.actualChecksum}${r.checksum !== r.actualChecksum ? ` (header says ${r.checksum}: edited by hand)` : ''}\n`);
        io.stdout(`    statements: ${r.upgrade.length} upgrade, ${r.downgrade.length} downgrade\n`);
        const hz = hazardsOf(r);
        if (hz.length) io.stdout(`    upgrade hazards: ${hz.join(', ')}\n`);
        if (s?.applied) io.stdout(`    applied by ${s.applied.appliedBy} in ${s.applied.durationMs} ms with ${s.applied.checksum}\n`);
      }
    }
    for (const x of p.chain) io.stdout(`problem: ${x}\n`);
    if (status) {
      for (const u of p.unknown) io.stdout(`applied but unknown to the files: ${u.revision} ${JSON.stringify(u.message)} (applied ${u.appliedAt})\n`);
      for (const x of [...p.detachedApplied, ...status.inconsistencies]) io.stdout(`problem: ${x}\n`);
    }
    return p.any ? 'findings' : 'ok';
  },
};
