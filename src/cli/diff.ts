import { flagCommand, type Command, type Io, type Outcome } from './command.js';
import { bool, list, oneOf, str } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { runCleanups } from '../scratch/cleanup.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { FasError } from '../util/errors.js';
import { useColor } from '../report/color.js';
import { revisionDir } from '../apply/options.js';
import { DEFAULT_PLAIN_UP_TO_BYTES, ONLINE_MODES } from '../plan/online.js';
import { parseSize } from '../util/size.js';
import { diffFlow } from '../engine/diff-flow.js';

const USAGE = `fas diff [--from SRC] [--to SRC] [--prod] [--format text|sql|json] [--schema NAME]... [--exclude-schema NAME]... [--verify] [--online auto|always|never] [--online-threshold SIZE]

What turns FROM into TO. SRC is a postgres:// URL, a schema directory, a .sql/.yaml file,
or \`revisions\` (the chain of --dir, replayed in a scratch database; \`revisions:DIR\` for another).
Defaults: --from the target (--db / DATABASE_URL / embedded), --to schema/.
--online: how changes to existing tables are made. auto (default): online patterns (CONCURRENTLY,
NOT VALID then VALIDATE) for tables larger than --online-threshold (default 1MB) in FROM, plain DDL
for smaller ones; an empty table also reaches the declared column order. always: online patterns for
every existing table; never: plain DDL only, so that the SQL runs inside one transaction.
Without a database FROM, auto means always.
--prod compares production (FAS_PROD_DATABASE_URL or --prod-url) with schema/, read-only.
--prod --targets FILE [--only NAME|TAG]... does it for every target and replica of a targets file, in parallel, grouping identical drift.
Exit: 0 same, 1 differ, 2 error.`;

export const diffCommand: Command = flagCommand({
  name: 'diff',
  summary: 'what turns FROM into TO',
  usage: USAGE,
  spec: {
    flags: {
      ...CONNECTION_FLAGS,
      from: 'string',
      to: 'string',
      prod: 'boolean',
      'prod-url': 'string',
      format: 'string',
      schema: 'repeat',
      'exclude-schema': 'repeat',
      verify: 'boolean',
      online: 'string',
      'online-threshold': 'string',
      dir: 'string',
      ...FLEET_FLAGS,
    },
  },
  async run(args, io: Io): Promise<Outcome> {
    const format = oneOf(str(args, 'format'), ['text', 'sql', 'json'] as const, 'text', '--format');
    const online = oneOf(str(args, 'online'), ONLINE_MODES, 'auto', '--online');
    const threshold = str(args, 'online-threshold');
    const plainUpToBytes = threshold === undefined ? DEFAULT_PLAIN_UP_TO_BYTES : parseSize(threshold, '--online-threshold');
    const scope = { include: list(args, 'schema'), exclude: list(args, 'exclude-schema') };
    const e = environment(args, io);
    try {
      if (wantsFleet(args) && !bool(args, 'prod')) throw new FasError('CONFIG', '--targets with fas diff needs --prod: fas diff --prod --targets FILE');
      // loaded when used: a plain diff starts reading its databases sooner
      if (bool(args, 'prod') && wantsFleet(args)) return await (await import('./fleet-diff.js')).fleetDiffCommand(args, io, e, format, scope);
      if (bool(args, 'prod')) return await (await import('./diff-prod.js')).prodDriftReport(args, io, e, format, scope);
      const flow = diffFlow({
        ...(str(args, 'from') !== undefined ? { from: str(args, 'from') } : {}),
        to: str(args, 'to') ?? 'schema',
        scope,
        online,
        plainUpToBytes,
        verify: bool(args, 'verify'),
        revisionDir: revisionDir(args, e.cwd),
        environment: e,
      });
      // the renderers load while the flow waits for the servers
      const renderers = Promise.all([import('../report/render-plan.js'), import('../report/sql-with-timeouts.js')]);
      renderers.catch(() => undefined); // awaited below unless the flow fails first
      const { plan, unsupported, warnings } = await flow;
      const [{ planJson, renderText }, { renderSqlWithTimeouts }] = await renderers;
      for (const w of warnings) io.stderr(`fas: warning: ${w}\n`);
      if (format === 'json') io.stdout(JSON.stringify({ ...planJson(plan.changes, plan.statements, unsupported, plan.notes), same: plan.changes.length === 0 }, null, 2) + '\n');
      else if (format === 'sql') io.stdout(renderSqlWithTimeouts(plan.statements));
      else io.stdout(renderText(plan.changes, plan.statements, unsupported, { color: useColor(io), notes: plan.notes }));
      if (unsupported.length && format !== 'text')
        io.stderr(unsupported.map((u) => `fas: warning: unsupported ${u.objectType} ${u.schema ? u.schema + '.' : ''}${u.name} is not compared\n`).join(''));
      return plan.changes.length || unsupported.length ? 'findings' : 'ok';
    } finally {
      await runCleanups();
    }
  },
});

