/** What fas apply and fas downgrade share on the command line: flags, their reading, and the closing line. */
import type { Io } from './command.js';
import { bool, str, type ParsedArgs } from './args.js';
import { FLEET_FLAGS } from './fleet-options.js';
import { RUN_FLAGS, revisionDir, runOptions, wholeNumber } from '../apply/options.js';
import { allowHazards } from '../apply/hazard-options.js';
import type { RunFlowOptions, RunFlowResult } from '../engine/apply-flow.js';

/** After --db and --dir (and apply's --to), in the order help lists them. */
export const RUN_REVISION_FLAGS = {
  'allow-hazards': 'repeat',
  'size-limit': 'repeat',
  'dry-run': 'boolean',
  'lock-wait': 'string',
  'lock-timeout': 'string',
  'statement-timeout': 'string',
  ...RUN_FLAGS,
  ...FLEET_FLAGS,
  format: 'string',
} as const;

export const RUN_REVISION_USAGE = [
  '          [--size-limit TYPE=SIZE]...',
  '          [--lock-wait SECONDS] [--lock-timeout MS] [--statement-timeout MS]',
  '          [--lock-retries N] [--steps | --quiet]',
];

export const FLEET_RUN_USAGE =
  'Fleet: --targets FILE [--only NAME|TAG]... [--format text|json] runs every target of a targets file (waves, max_parallel, per_host); exit 1 when any target is not at the goal.';

/** The options of an apply or downgrade flow from its flags. */
export function runFlowOptions(args: ParsedArgs, io: Io): RunFlowOptions {
  return {
    allowHazards: allowHazards(args, io.env),
    lockWaitSeconds: wholeNumber(args, 'lock-wait'),
    lockTimeoutMs: wholeNumber(args, 'lock-timeout'),
    statementTimeoutMs: wholeNumber(args, 'statement-timeout'),
    ...runOptions(args, io.env),
    dryRun: bool(args, 'dry-run'),
    dir: revisionDir(args, io.cwd),
    db: str(args, 'db'),
    env: io.env,
    cwd: io.cwd,
    log: io.stderr,
    out: io.stdout,
  };
}

/** The closing line on stderr. `verb`: what nothing was done of ("apply"); `did`: what was done ("applied"). */
export function renderRunResult(r: RunFlowResult, dryRun: boolean, words: { verb: string; did: string; markHead: boolean }, io: Io): void {
  if (dryRun) {
    if (r.planned.length === 0) io.stderr(`dry run: nothing to ${words.verb}; the target is at ${r.current ?? 'base'}\n`);
    else io.stderr(`dry run: ${r.planned.length} revision(s) would run; nothing was changed\n`);
    return;
  }
  const at = r.current === null ? 'base' : `${r.current}${words.markHead && r.current === r.head ? ' (head)' : ''}`;
  if (r.done.length === 0) io.stderr(`nothing to ${words.verb}; the target is at ${at}\n`);
  else io.stderr(`${words.did} ${r.done.length} revision(s); the target is at ${at}\n`);
}
