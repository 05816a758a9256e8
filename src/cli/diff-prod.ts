import type { Io, Outcome } from './command.js';
import type { ParsedArgs } from './args.js';
import type { Environment } from '../engine/environment.js';
import type { Scope } from '../diff/scope.js';
import { FasError } from '../util/errors.js';

/** fas diff --prod: filled in by the production drift report. */
export async function prodDriftReport(_args: ParsedArgs, _io: Io, _e: Environment, _format: string, _scope: Scope): Promise<Outcome> {
  throw new FasError('INTERNAL', 'fas diff --prod is not built yet');
}
