import type { Command, Io, Outcome } from './command.js';
import type { Catalog } from '../catalog/model.js';
import { bool, list, oneOf, parseArgs, str } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { scratchServer, targetUrl, type Environment } from '../engine/environment.js';
import { loadFilesIntoScratch, readDatabase, readEmpty, readFilesWithRenames, sourceKind } from '../engine/read-source.js';
import { reverseRenames, type Rename } from '../diff/renames.js';
import type { ScratchDb } from '../scratch/scratch-db.js';
import type { LoadedSource } from '../load/index.js';
import { verifyOnDesiredCopy, verifyPlan } from '../engine/verify.js';
import { planChanges } from '../plan/planner.js';
import { unsupportedIn } from '../diff/diff.js';
import { planJson, renderSql, renderText } from '../report/render-plan.js';
import { renderSqlWithTimeouts } from '../report/sql-with-timeouts.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { runCleanups } from '../scratch/cleanup.js';
import { prodDriftReport } from './diff-prod.js';
import { FLEET_FLAGS, wantsFleet } from './fleet-options.js';
import { fleetDiffCommand } from './fleet-diff.js';
import { FasError } from '../util/errors.js';
import { useColor } from '../report/color.js';
import { readRevisionsSource, revisionsSource } from '../engine/revision-source.js';
import { revisionDir } from '../apply/options.js';
import { isAbsolute, resolve } from 'node:path';
import { readTableSizes, type TableSizes } from '../introspect/table-sizes.js';
import { withSizes } from '../apply/relation-sizes.js';
import { DEFAULT_PLAIN_UP_TO_BYTES, ONLINE_MODES, type OnlinePolicy } from '../plan/online.js';
import { parseSize } from '../util/size.js';
import { withClient } from '../util/db.js';

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

export interface SideRead {
  readonly catalog: Catalog;
  readonly url?: string;
  /** The scratch database holding a files side, kept for verification. */
  readonly scratch?: ScratchDb;
  /** Renames a files side declares (renamed_from, -- fas:renamed-from). */
  readonly renames?: readonly Rename[];
  /** Table sizes of a database side, read when the online mode needs them. */
  readonly sizes?: TableSizes;
}

/** The URL of a source, when it is one (`revisions` is not). */
function urlOf(src: string, cwd: string): string | undefined {
  if (revisionsSource(src)) return undefined;
  return sourceKind(src, cwd).kind === 'url' ? src : undefined;
}

/** Read and check (syntax, allow-list, names) the files sides before any server is contacted. */
async function checkFiles(sources: readonly (string | undefined)[], cwd: string): Promise<Map<string, LoadedSource>> {
  const out = new Map<string, LoadedSource>();
  for (const src of sources) {
    if (src === undefined || revisionsSource(src) || out.has(src)) continue;
    const s = sourceKind(src, cwd);
    if (s.kind !== 'files') continue;
    const { loadSource } = await import('../load/index.js'); // only when files are read: db->db diffs start faster
    out.set(src, await loadSource(s.path));
  }
  return out;
}

async function readSide(src: string, e: Environment, near: string | undefined, keep: boolean, defaultDir: string, checked: ReadonlyMap<string, LoadedSource>, wantSizes = false): Promise<SideRead> {
  const revs = revisionsSource(src);
  if (revs) {
    const dir = revs.dir === undefined ? defaultDir : isAbsolute(revs.dir) ? revs.dir : resolve(e.cwd, revs.dir);
    return { catalog: await readRevisionsSource(dir, await scratchServer(e, { near, allowNear: true })) };
  }
  const s = sourceKind(src, e.cwd);
  if (s.kind === 'url') {
    const [catalog, sizes] = await Promise.all([readDatabase(s.url), wantSizes ? withClient(s.url, { applicationName: 'fas' }, readTableSizes) : undefined]);
    return { catalog, url: s.url, ...(sizes ? { sizes } : {}) };
  }
  const server = await scratchServer(e, { near, allowNear: true });
  const files = checked.get(src) ?? s.path;
  if (!keep) return await readFilesWithRenames(files, server);
  const { catalog, db, renames } = await loadFilesIntoScratch(files, server);
  return { catalog, scratch: db, renames };
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
          online: 'string',
          'online-threshold': 'string',
          dir: 'string',
          ...FLEET_FLAGS,
        },
      },
      'diff',
    );
    const format = oneOf(str(args, 'format'), ['text', 'sql', 'json'] as const, 'text', '--format');
    const online = oneOf(str(args, 'online'), ONLINE_MODES, 'auto', '--online');
    const threshold = str(args, 'online-threshold');
    const plainUpToBytes = threshold === undefined ? DEFAULT_PLAIN_UP_TO_BYTES : parseSize(threshold, '--online-threshold');
    const scope = { include: list(args, 'schema'), exclude: list(args, 'exclude-schema') };
    const e = environment(args, io);
    try {
      if (wantsFleet(args) && !bool(args, 'prod')) throw new FasError('CONFIG', '--targets with fas diff needs --prod: fas diff --prod --targets FILE');
      if (bool(args, 'prod') && wantsFleet(args)) return await fleetDiffCommand(args, io, e, format, scope);
      if (bool(args, 'prod')) return await prodDriftReport(args, io, e, format, scope);
      const toSrc = str(args, 'to') ?? 'schema';
      const checked = await checkFiles([str(args, 'from'), toSrc], e.cwd); // before the embedded server starts or the target is read
      const fromSrc = str(args, 'from') ?? (await targetUrl(e));
      const fromUrl = urlOf(fromSrc, e.cwd);
      const toUrl = urlOf(toSrc, e.cwd);
      const revDir = revisionDir(args, e.cwd);
      const verify = bool(args, 'verify');
      const [from, to] = await Promise.all([readSide(fromSrc, e, toUrl ?? fromUrl, false, revDir, checked, true), readSide(toSrc, e, fromUrl ?? toUrl, verify, revDir, checked)]);
      const policy: OnlinePolicy = { mode: online, plainUpToBytes, ...(from.sizes ? { sizes: from.sizes } : {}) };
      const planned = planChanges(from.catalog, to.catalog, scope, to.renames ?? [], { online: policy });
      // hazards that scan or rewrite a table carry its size in a database FROM
      const plan = from.url ? { ...planned, statements: await withSizes(from.url, planned.statements) } : planned;
      await checkSingleStatements(plan.statements);
      const unsupported = [...unsupportedIn(from.catalog, scope), ...unsupportedIn(to.catalog, scope)];
      if (verify && plan.statements.length) {
        if (to.scratch) {
          const back = planChanges(to.catalog, from.catalog, scope, reverseRenames(plan.renames), { online: { mode: online === 'never' ? 'never' : 'always' } });
          const warnings = await verifyOnDesiredCopy({ url: to.scratch.url, current: from.catalog, desired: to.catalog, upgrade: plan.statements, downgrade: back.statements, scope, renames: { upgrade: plan.renames, downgrade: back.renames } });
          for (const w of warnings) io.stderr(`fas: warning: ${w}\n`);
        } else {
          const server = await scratchServer(e, { near: fromUrl ?? toUrl, allowNear: true });
          const warnings = await verifyPlan({ scratchServer: server, empty: await readEmpty(server), current: from.catalog, desired: to.catalog, upgrade: plan.statements, scope, renames: { upgrade: plan.renames } });
          for (const w of warnings) io.stderr(`fas: warning: ${w}\n`);
        }
      }
      await to.scratch?.drop();
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
};

