import type { Command } from './command.js';
import { wantsFleet } from './fleet-options.js';
import { fleetApplyCommand } from './fleet-apply.js';
import { parseArgs } from './args.js';
import { FLEET_RUN_USAGE, RUN_REVISION_FLAGS, RUN_REVISION_USAGE, renderRunResult, runFlowOptions } from './run-revisions.js';
import { parseDowngradeTarget } from '../apply/executor.js';
import { downgradeFlow } from '../engine/apply-flow.js';
import { FasError } from '../util/errors.js';
import { TARGET_REVISION_FLAGS } from './connections.js';

export const downgradeCommand: Command = {
  name: 'downgrade',
  summary: 'run downgrades: -1, -N, REV or base',
  usage: [
    'fas downgrade -1|-N|REV|base [--allow-hazards LIST] [--dry-run] [--db URL] [--dir DIR]',
    ...RUN_REVISION_USAGE,
    '',
    'Runs the downgrade sections of applied revisions from the head back: -N revisions, down to',
    'REV (which stays applied), or to base. Downgrades that drop data carry DELETES_DATA and are',
    'refused unless allowed; a rewrite, index build or validation, as with apply, only on a table',
    'larger than its --size-limit. Exit: 0 done, 1 refused, 2 error.',
    FLEET_RUN_USAGE,
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { ...TARGET_REVISION_FLAGS, ...RUN_REVISION_FLAGS } }, 'downgrade');
    if (args.positional.length > 1) throw new FasError('CONFIG', `fas downgrade: one target expected, got ${args.positional.join(' ')}`);
    const target = parseDowngradeTarget(args.positional[0]);
    if (wantsFleet(args)) return fleetApplyCommand(args, io, { kind: 'downgrade', target });
    const options = runFlowOptions(args, io);
    const r = await downgradeFlow({ ...options, target });
    renderRunResult(r, options.dryRun === true, { verb: 'downgrade', did: 'reverted', markHead: false }, io);
    return 'ok';
  },
};
