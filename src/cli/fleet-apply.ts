/** fas apply|downgrade --targets FILE: parse, run the fleet flow, render. */
import type { Io, Outcome } from './command.js';
import { bool, oneOf, str, type ParsedArgs } from './args.js';
import { readRevisionDir } from '../revisions/chain.js';
import { revisionDir, wholeNumber } from '../apply/options.js';
import { allowHazards } from '../apply/hazard-options.js';
import { applyFleet, FAILED_STATUSES, type FleetMode } from '../fleet/fleet-apply.js';
import { fleetTargets } from '../fleet/targets.js';
import { applyJson, applySummaryLine, applyTable, liveReporter } from '../fleet/render-apply.js';
import { fleetFrom } from './fleet-options.js';
import { FasError } from '../util/errors.js';

export async function fleetApplyCommand(args: ParsedArgs, io: Io, mode: FleetMode): Promise<Outcome> {
  if (str(args, 'db') !== undefined) throw new FasError('CONFIG', '--db and --targets exclude each other: the targets file names the databases');
  const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
  const dryRun = bool(args, 'dry-run');
  const opts = {
    allowHazards: allowHazards(args, io.env),
    lockWaitSeconds: wholeNumber(args, 'lock-wait'),
    lockTimeoutMs: wholeNumber(args, 'lock-timeout'),
    statementTimeoutMs: wholeNumber(args, 'statement-timeout'),
  };
  const chain = await readRevisionDir(revisionDir(args, io.cwd));
  const fleet = await fleetFrom(args, io);
  const total = fleetTargets(fleet).length;
  io.stderr(`fas: ${mode.kind === 'upgrade' ? 'apply' : 'downgrade'}${dryRun ? ' (dry run)' : ''} over ${total} target(s) of ${fleet.file} in ${fleet.waves.length} wave(s): ${fleet.waves.map((w) => `${w.name} (${w.targets.length}, max_parallel ${w.maxParallel}, per_host ${w.perHost}, on_error ${w.onError})`).join(', ')}\n`);
  const rows = await applyFleet({ fleet, chain, mode, dryRun, ...opts, onEvent: liveReporter(total, io.stderr) });
  if (format === 'json') io.stdout(applyJson(rows, chain.head));
  else {
    if (dryRun) for (const r of rows) if (r.dryRunSql) io.stdout(`-- target ${r.target}\n${r.dryRunSql}`);
    io.stdout(applyTable(rows));
    io.stdout(applySummaryLine(rows, chain.head));
  }
  return rows.some((r) => FAILED_STATUSES.includes(r.status)) ? 'refused' : 'ok';
}
