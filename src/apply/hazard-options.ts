/**
 * --allow-hazards and the size limits, apart from the other run flags (options.ts) so that the
 * commands that only read (history, current, diff) do not load the hazard gate and its SQL parser.
 */
import { list, type ParsedArgs } from '../util/parsed-args.js';
import { type HazardRules, hazardRules, parseAllowHazards } from './hazard-gate.js';
import { parseSizeLimits } from './size-gate.js';

/** --allow-hazards LIST, and the size limits: FAS_SIZE_LIMITS, then each --size-limit TYPE=SIZE. */
export function allowHazards(args: ParsedArgs, env: NodeJS.ProcessEnv): HazardRules {
  return hazardRules(parseAllowHazards(list(args, 'allow-hazards')), parseSizeLimits(list(args, 'size-limit'), env.FAS_SIZE_LIMITS));
}
