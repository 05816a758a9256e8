/** Flags shared by apply, downgrade, history and current. */
import { isAbsolute, resolve } from 'node:path';
import type { ParsedArgs } from '../cli/args.js';
import { list, str } from '../cli/args.js';
import { FasError } from '../util/errors.js';
import { parseAllowHazards, type AllowedHazards } from './hazard-gate.js';

export const DEFAULT_REVISION_DIR = 'generated-migrations';

export function revisionDir(args: ParsedArgs, cwd: string): string {
  const d = str(args, 'dir') ?? DEFAULT_REVISION_DIR;
  return isAbsolute(d) ? d : resolve(cwd, d);
}

export function allowHazards(args: ParsedArgs): AllowedHazards {
  return parseAllowHazards(list(args, 'allow-hazards'));
}

/** A whole number >= 0 from a flag, or undefined when absent. */
export function wholeNumber(args: ParsedArgs, name: string): number | undefined {
  const v = str(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new FasError('CONFIG', `--${name} must be a whole number >= 0; got ${v}`);
  return Number(v);
}
