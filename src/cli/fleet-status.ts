/** fas current|history --targets FILE: parse, read every target, render. */
import type { Io, Outcome } from './command.js';
import { oneOf, str, type ParsedArgs } from './args.js';
import { readRevisionDir } from '../revisions/chain.js';
import { revisionDir } from '../apply/options.js';
import { fleetStatus } from '../fleet/fleet-status.js';
import { currentJson, currentTable, historyJson, historyText } from '../fleet/render-status.js';
import { FasError } from '../util/errors.js';
import { fleetFrom } from './fleet-options.js';

export async function fleetStatusCommand(args: ParsedArgs, io: Io, command: 'current' | 'history'): Promise<Outcome> {
  if (str(args, 'db') !== undefined) throw new FasError('CONFIG', '--db and --targets exclude each other: the targets file names the databases');
  const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
  const chain = await readRevisionDir(revisionDir(args, io.cwd));
  const rows = await fleetStatus(await fleetFrom(args, io), chain, command);
  const render = command === 'current' ? (format === 'json' ? currentJson : currentTable) : format === 'json' ? historyJson : historyText;
  io.stdout(render(rows, chain));
  for (const r of rows) if (r.status === 'unreachable') io.stderr(`fas: warning: ${r.target} is unreachable: ${r.error}\n`);
  return 'ok';
}
