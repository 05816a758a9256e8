import type { Command, Io, Outcome } from './command.js';
import type { Catalog } from '../catalog/model.js';
import { bool, list, oneOf, parseArgs, str } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { scratchServer, targetUrl, type Environment } from '../engine/environment.js';
import { loadFilesIntoScratch, readDatabase, readEmpty, readFiles, sourceKind } from '../engine/read-source.js';
import type { ScratchDb } from '../scratch/scratch-db.js';
import { verifyOnDesiredCopy, verifyPlan } from '../engine/verify.js';
import { planChanges } from '../plan/planner.js';
import { unsupportedIn } from '../diff/diff.js';
import { planJson, renderSql, renderText } from '../report/render-plan.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { runCleanups } from '../scratch/cleanup.js';
import { prodDriftReport } from './diff-prod.js';

const USAGE = `fas diff [--from SRC] [--to SRC] [--prod] [--format text|sql|json] [--schema NAME]... [--exclude-schema NAME]... [--verify]

What turns FROM into TO. SRC is a postgres:// URL, a schema directory, or a .sql/.yaml file.
Defaults: --from the target (--db / DATABASE_URL / embedded), --to schema/.
--prod compares production (FAS_PROD_DATABASE_URL or --prod-url) with schema/, read-only.
Exit: 0 same, 1 differ, 2 error.`;

export interface SideRead {
  readonly catalog: Catalog;
  readonly url?: string;
  /** The scratch database holding a files side, kept for verification. */
  readonly scratch?: ScratchDb;
}

async function readSide(src: string, e: Environment, near: string | undefined, keep: boolean): Promise<SideRead> {
  const s = sourceKind(src, e.cwd);
  if (s.kind === 'url') return { catalog: await readDatabase(s.url), url: s.url };
  const server = await scratchServer(e, { near, allowNear: true });
  if (!keep) return { catalog: await readFiles(s.path, server) };
  const { catalog, db } = await loadFilesIntoScratch(s.path, server);
  return { catalog, scratch: db };
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'what turns FROM into TO',
  usage: USAGE,
  async run(argv, io: Io): Promise<Outcome> {
    const args = parseArgs(
      argv,
      {
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
          dir: 'string',
        },
      },
      'diff',
    );
    const format = oneOf(str(args, 'format'), ['text', 'sql', 'json'] as const, 'text', '--format');
    const scope = { include: list(args, 'schema'), exclude: list(args, 'exclude-schema') };
    const e = environment(args, io);
    try {
      if (bool(args, 'prod')) return await prodDriftReport(args, io, e, format, scope);
      const fromSrc = str(args, 'from') ?? (await targetUrl(e));
      const toSrc = str(args, 'to') ?? 'schema';
      const fromUrl = sourceKind(fromSrc, e.cwd).kind === 'url' ? fromSrc : undefined;
      const toUrl = sourceKind(toSrc, e.cwd).kind === 'url' ? toSrc : undefined;
      const verify = bool(args, 'verify');
      const [from, to] = await Promise.all([readSide(fromSrc, e, toUrl ?? fromUrl, false), readSide(toSrc, e, fromUrl ?? toUrl, verify)]);
      const plan = planChanges(from.catalog, to.catalog, scope);
      await checkSingleStatements(plan.statements);
      const unsupported = [...unsupportedIn(from.catalog, scope), ...unsupportedIn(to.catalog, scope)];
      if (verify && plan.statements.length) {
        if (to.scratch) {
          const back = planChanges(to.catalog, from.catalog, scope);
          await verifyOnDesiredCopy({ url: to.scratch.url, current: from.catalog, desired: to.catalog, upgrade: plan.statements, downgrade: back.statements, scope });
        } else {
          const server = await scratchServer(e, { near: fromUrl ?? toUrl, allowNear: true });
          await verifyPlan({ scratchServer: server, empty: await readEmpty(server), current: from.catalog, desired: to.catalog, upgrade: plan.statements, scope });
        }
      }
      await to.scratch?.drop();
      if (format === 'json') io.stdout(JSON.stringify({ ...planJson(plan.changes, plan.statements, unsupported), same: plan.changes.length === 0 }, null, 2) + '\n');
      else if (format === 'sql') io.stdout(renderSql(plan.statements));
      else io.stdout(renderText(plan.changes, plan.statements, unsupported));
      if (unsupported.length && format !== 'text')
        io.stderr(unsupported.map((u) => `fas: warning: unsupported ${u.objectType} ${u.schema ? u.schema + '.' : ''}${u.name} is not compared\n`).join(''));
      return plan.changes.length || unsupported.length ? 'findings' : 'ok';
    } finally {
      await runCleanups();
    }
  },
};

