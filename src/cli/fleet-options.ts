/** --targets FILE (and --only NAME|TAG): the fleet a command runs over. */
import { isAbsolute, resolve } from 'node:path';
import type { Io } from './command.js';
import { list, str, type ParsedArgs } from './args.js';
import type { Fleet } from '../fleet/targets.js';

/** Flags every fleet-capable command accepts. */
export const FLEET_FLAGS = { targets: 'string', only: 'repeat' } as const;

export function wantsFleet(args: ParsedArgs): boolean {
  return str(args, 'targets') !== undefined;
}

export async function fleetFrom(args: ParsedArgs, io: Io): Promise<Fleet> {
  const given = str(args, 'targets')!;
  const path = isAbsolute(given) ? given : resolve(io.cwd, given);
  // loaded on use: the validator (ajv, yaml) and the catalog-query parser (libpg-query) cost
  // start-up time that every command taking these flags would pay without --targets
  const { loadTargetsFile } = await import('../fleet/load-targets.js');
  const { resolveFleet, selectTargets } = await import('../fleet/resolve-fleet.js');
  const file = await loadTargetsFile(path, given);
  const only = list(args, 'only').flatMap((o) => o.split(',').map((x) => x.trim()).filter(Boolean));
  return selectTargets(await resolveFleet(file, io.env), only);
}
