import type { Command } from './command.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetApplyCommand } from './fleet-apply.js';
import { parseArgs, str } from './args.js';
import { readRevisionDir } from '../revisions/chain.js';
import { resolveTarget } from '../apply/target.js';
import { downgradeRevisions, parseDowngradeTarget } from '../apply/executor.js';
import { RUN_FLAGS, allowHazards, revisionDir, runOptions, wholeNumber } from '../apply/options.js';
import { FasError } from '../util/errors.js';
import { bool } from './args.js';

export const downgradeCommand: Command = {
  name: 'downgrade',
  summary: 'run downgrades: -1, -N, REV or base',
  usage: [
    'fas downgrade -1|-N|REV|base [--allow-hazards LIST] [--dry-run] [--db URL] [--dir DIR]',
    '          [--lock-wait SECONDS] [--lock-timeout MS] [--statement-timeout MS]',
    '          [--lock-retries N] [--steps | --quiet]',
    '',
    'Runs the downgrade sections of applied revisions from the head back: -N revisions, down to',
    'REV (which stays applied), or to base. Downgrades that drop data carry DELETES_DATA and are',
    'refused unless allowed. Exit: 0 done, 1 refused, 2 error.',
    'Fleet: --targets FILE [--only NAME|TAG]... [--format text|json] runs every target of a targets file (waves, max_parallel, per_host); exit 1 when any target is not at the goal.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(
      argv,
      {
        flags: {
          db: 'string',
          dir: 'string',
          'allow-hazards': 'repeat',
          'dry-run': 'boolean',
          'lock-wait': 'string',
          'lock-timeout': 'string',
          'statement-timeout': 'string',
          ...RUN_FLAGS,
          ...FLEET_FLAGS,
          format: 'string',
        },
      },
      'downgrade',
    );
    if (args.positional.length > 1) throw new FasError('CONFIG', `fas downgrade: one target expected, got ${args.positional.join(' ')}`);
    if (wantsFleet(args)) return fleetApplyCommand(args, io, { kind: 'downgrade', target: parseDowngradeTarget(args.positional[0]) });
    const target = parseDowngradeTarget(args.positional[0]);
    const allowed = allowHazards(args);
    const lockWaitSeconds = wholeNumber(args, 'lock-wait');
    const lockTimeoutMs = wholeNumber(args, 'lock-timeout');
    const statementTimeoutMs = wholeNumber(args, 'statement-timeout');
    const chain = await readRevisionDir(revisionDir(args, io.cwd));
    const url = await resolveTarget({ db: str(args, 'db') }, io.env, io.cwd);
    const dryRun = bool(args, 'dry-run');
    const r = await downgradeRevisions({
      url,
      chain,
      target,
      allowHazards: allowed,
      dryRun,
      lockWaitSeconds,
      lockTimeoutMs,
      statementTimeoutMs,
      ...runOptions(args, io.env),
      log: io.stderr,
      out: io.stdout,
    });
    if (dryRun) {
      if (r.planned.length === 0) io.stderr(`dry run: nothing to downgrade; the target is at ${r.current ?? 'base'}\n`);
      else io.stderr(`dry run: ${r.planned.length} revision(s) would run; nothing was changed\n`);
      return 'ok';
    }
    const at = r.current ?? 'base';
    if (r.done.length === 0) io.stderr(`nothing to downgrade; the target is at ${at}\n`);
    else io.stderr(`reverted ${r.done.length} revision(s); the target is at ${at}\n`);
    return 'ok';
  },
};
