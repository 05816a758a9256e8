/** fas diff --prod --targets FILE: parse, run the fleet drift flow, render. */
import type { Io, Outcome } from './command.js';
import type { ParsedArgs } from './args.js';
import { str } from './args.js';
import { withServers, type Environment } from '../engine/environment.js';
import { sourceKind } from '../engine/read-source.js';
import type { Scope } from '../diff/scope.js';
import { revisionDir } from '../apply/options.js';
import { readRevisionDir } from '../revisions/chain.js';
import { FasError } from '../util/errors.js';
import { expectedCatalogs } from '../fleet/expected-catalog.js';
import { fleetDrift } from '../fleet/fleet-drift.js';
import { driftJson, driftText } from '../fleet/render-drift.js';
import { fleetTargets } from '../fleet/targets.js';
import { fleetFrom } from './fleet-options.js';

export async function fleetDiffCommand(args: ParsedArgs, io: Io, e: Environment, format: string, scope: Scope): Promise<Outcome> {
  if (str(args, 'from') !== undefined || str(args, 'prod-url') !== undefined) throw new FasError('CONFIG', '--from and --prod-url cannot be combined with --targets: the targets file names the databases');
  if (format === 'sql') throw new FasError('CONFIG', '--format sql is not available with --targets: use text or json');
  const to = sourceKind(str(args, 'to') ?? 'schema', e.cwd);
  if (to.kind !== 'files') throw new FasError('CONFIG', '--to must be a schema directory or file with --targets');
  const chain = await readRevisionDir(revisionDir(args, e.cwd));
  const fleet = await fleetFrom(args, io);
  const first = fleetTargets(fleet).find((t) => t.url)?.url;
  const report = await withServers(e, async (servers) => {
    let server: Promise<string> | undefined;
    // Never on a fleet member: the dev server or the embedded one (a warning when the major version differs).
    const scratch = () => (server ??= servers.scratch({ near: first, allowNear: false }));
    const expected = expectedCatalogs(chain, to.path, scratch);
    e.log(`fas: reading ${fleetTargets(fleet).length} target(s) of ${fleet.file} read-only`);
    const report = await fleetDrift({ fleet, chain, expected, scope, onProgress: io.stderr });
    e.log(`fas: ${expected.loads()} scratch load(s)`);
    return report;
  });
  io.stdout(format === 'json' ? driftJson(report, fleet.file) : driftText(report, fleet.file));
  return report.inSync ? 'ok' : 'findings';
}
