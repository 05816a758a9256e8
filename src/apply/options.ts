/** Flags shared by apply, downgrade, history and current. */
import { isAbsolute, resolve } from 'node:path';
import { bool, str, type ParsedArgs } from '../util/parsed-args.js';
import { FasError } from '../util/errors.js';

export const DEFAULT_REVISION_DIR = 'generated-migrations';

export function revisionDir(args: ParsedArgs, cwd: string): string {
  const d = str(args, 'dir') ?? DEFAULT_REVISION_DIR;
  return isAbsolute(d) ? d : resolve(cwd, d);
}

/** A whole number >= 0 from a flag, or undefined when absent. */
export function wholeNumber(args: ParsedArgs, name: string): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new FasError('CONFIG', `--${name} must be a whole number >= 0; got ${v}`);
  return Number(v);
}

/** Flags of apply and downgrade about how steps run and report. */
export const RUN_FLAGS = { 'lock-retries': 'string', quiet: 'boolean', steps: 'boolean' } as const;

/**
 * --lock-retries N (default 5), and progress: one line per step on a terminal
 * or with --steps, one line per revision otherwise or with --quiet.
 * FAS_LOCK_RETRY_BASE_MS sets the first backoff (tests shorten it).
 */
export function runOptions(args: ParsedArgs, env: NodeJS.ProcessEnv): { lockRetries?: number; retryBaseMs?: number; progress: 'steps' | 'revisions'; live: boolean } {
  const tty = process.stderr.isTTY === true;
  const quiet = bool(args, 'quiet');
  const steps = bool(args, 'steps');
  const base = env.FAS_LOCK_RETRY_BASE_MS;
  if (base !== undefined && !/^\d+$/.test(base)) throw new FasError('CONFIG', `FAS_LOCK_RETRY_BASE_MS must be a whole number of milliseconds; got ${base}`);
  return {
    lockRetries: wholeNumber(args, 'lock-retries'),
    retryBaseMs: base === undefined ? undefined : Number(base),
    progress: !quiet && (steps || tty) ? 'steps' : 'revisions',
    live: tty && !quiet,
  };
}
