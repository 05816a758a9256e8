import type { Command } from './command.js';
import { wantsFleet } from './fleet-options.js';
import { fleetApplyCommand } from './fleet-apply.js';
import { parseArgs, str } from './args.js';
import { FLEET_RUN_USAGE, RUN_REVISION_FLAGS, RUN_REVISION_USAGE, renderRunResult, runFlowOptions } from './run-revisions.js';
import { applyFlow } from '../engine/apply-flow.js';
import { TARGET_REVISION_FLAGS } from './connections.js';

export const applyCommand: Command = {
  name: 'apply',
  summary: 'apply pending revisions to the target',
  usage: [
    'fas apply [--to REV] [--allow-hazards LIST] [--dry-run] [--db URL] [--dir DIR]',
    ...RUN_REVISION_USAGE,
    '',
    'Applies the pending revisions of DIR (default generated-migrations) to the target, in order,',
    'in short transactions: a step that locks an existing table runs alone under a short lock_timeout,',
    'retried with backoff and jitter; CONCURRENTLY steps run outside any transaction; a failed run',
    'resumes at the first step not done. Hazards DELETES_DATA, NARROWS_TYPE and ENUM_VALUE_REMOVED',
    'are refused unless allowed by type, or `all`; REWRITES_TABLE, INDEX_BUILD and VALIDATES_CONSTRAINT',
    'only on a table larger than their size limit (8MB, 1GB, 1GB by default; --size-limit, FAS_SIZE_LIMITS),',
    'as the target has it when the run starts.',
    'Exit: 0 done, 1 refused (hazards, drift, changed files, lock), 2 error.',
    FLEET_RUN_USAGE,
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { ...TARGET_REVISION_FLAGS, to: 'string', ...RUN_REVISION_FLAGS } }, 'apply');
    if (wantsFleet(args)) return fleetApplyCommand(args, io, { kind: 'upgrade', to: str(args, 'to') });
    const options = runFlowOptions(args, io);
    const r = await applyFlow({ ...options, to: str(args, 'to') });
    renderRunResult(r, options.dryRun === true, { verb: 'apply', did: 'applied', markHead: true }, io);
    return 'ok';
  },
};
