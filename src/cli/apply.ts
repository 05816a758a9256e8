import type { Command } from './command.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetApplyCommand } from './fleet-apply.js';
import { bool, parseArgs, str } from './args.js';
import { readRevisionDir } from '../revisions/chain.js';
import { resolveTarget } from '../apply/target.js';
import { applyRevisions } from '../apply/executor.js';
import { RUN_FLAGS, allowHazards, revisionDir, runOptions, wholeNumber } from '../apply/options.js';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply pending revisions to the target',
  usage: [
    'fas apply [--to REV] [--allow-hazards LIST] [--dry-run] [--db URL] [--dir DIR]',
    '          [--lock-wait SECONDS] [--lock-timeout MS] [--statement-timeout MS]',
    '          [--lock-retries N] [--steps | --quiet]',
    '',
    'Applies the pending revisions of DIR (default generated-migrations) to the target, in order,',
    'in short transactions: a step that locks an existing table runs alone under a short lock_timeout,',
    'retried with backoff and jitter; CONCURRENTLY steps run outside any transaction; a failed run',
    'resumes at the first step not done. Hazards (DELETES_DATA, NARROWS_TYPE, REWRITES_TABLE,',
    'ENUM_VALUE_REMOVED) are refused unless allowed by type, or `all`.',
    'Exit: 0 done, 1 refused (hazards, drift, changed files, lock), 2 error.',
    'Fleet: --targets FILE [--only NAME|TAG]... [--format text|json] runs every target of a targets file (waves, max_parallel, per_host); exit 1 when any target is not at the goal.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(
      argv,
      {
        flags: {
          db: 'string',
          dir: 'string',
          to: 'string',
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
      'apply',
    );
    if (wantsFleet(args)) return fleetApplyCommand(args, io, { kind: 'upgrade', to: str(args, 'to') });
    const allowed = allowHazards(args);
    const lockWaitSeconds = wholeNumber(args, 'lock-wait');
    const lockTimeoutMs = wholeNumber(args, 'lock-timeout');
    const statementTimeoutMs = wholeNumber(args, 'statement-timeout');
    const chain = await readRevisionDir(revisionDir(args, io.cwd));
    const url = await resolveTarget({ db: str(args, 'db') }, io.env, io.cwd);
    const dryRun = bool(args, 'dry-run');
    const r = await applyRevisions({
      url,
      chain,
      to: str(args, 'to'),
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
      if (r.planned.length === 0) io.stderr(`dry run: nothing to apply; the target is at ${r.current ?? 'base'}\n`);
      else io.stderr(`dry run: ${r.planned.length} revision(s) would run; nothing was changed\n`);
      return 'ok';
    }
    const at = r.current === null ? 'base' : `${r.current}${r.current === r.head ? ' (head)' : ''}`;
    if (r.done.length === 0) io.stderr(`nothing to apply; the target is at ${at}\n`);
    else io.stderr(`applied ${r.done.length} revision(s); the target is at ${at}\n`);
    return 'ok';
  },
};
