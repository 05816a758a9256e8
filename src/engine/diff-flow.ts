/**
 * fas diff as an engine function: two sources (database URLs, schema files,
 * or a revision chain replayed) read in parallel, files checked before any
 * server is contacted; the plan between them with the online policy (sizes of
 * a database FROM), optionally verified; scratch databases dropped on every path.
 */
import type { Catalog } from '../catalog/model.js';
import { scratchServer, targetUrl, type Environment } from './environment.js';
import { loadFilesIntoScratch, readDatabase, readEmpty, readFilesWithRenames, sourceKind } from './read-source.js';
import { reverseRenames, type Rename } from '../diff/renames.js';
import type { ScratchDb } from '../scratch/scratch-db.js';
import type { LoadedSource } from '../load/index.js';
import { verifyOnDesiredCopy, verifyPlan } from './verify.js';
import { planChanges, type PlanResult } from '../plan/planner.js';
import { unsupportedIn } from '../diff/diff.js';
import type { Scope } from '../diff/scope.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { readRevisionsSource, revisionsSource } from './revision-source.js';
import { isAbsolute, resolve } from 'node:path';
import { readTableSizes, type TableSizes } from '../introspect/table-sizes.js';
import { withSizes } from '../apply/relation-sizes.js';
import type { OnlineMode } from '../plan/online.js';
import { withClient } from '../util/db.js';

export interface DiffFlowOptions {
  /** FROM: a source; absent, the target (--db / DATABASE_URL / embedded). */
  readonly from?: string;
  /** TO: a source (default schema). */
  readonly to: string;
  readonly scope: Scope;
  readonly online: OnlineMode;
  /** auto: tables up to this many bytes get plain DDL. */
  readonly plainUpToBytes: number;
  readonly verify: boolean;
  /** The revision directory `revisions` means (absolute). */
  readonly revisionDir: string;
  readonly environment: Environment;
}

export interface DiffFlowResult {
  readonly plan: PlanResult;
  readonly unsupported: ReturnType<typeof unsupportedIn>;
  /** Warnings of the verification. */
  readonly warnings: readonly string[];
}

export async function diffFlow(o: DiffFlowOptions): Promise<DiffFlowResult> {
  const e = o.environment;
  const checked = await checkFiles([o.from, o.to], e.cwd); // before the embedded server starts or the target is read
  const fromSrc = o.from ?? (await targetUrl(e));
  const fromUrl = urlOf(fromSrc, e.cwd);
  const toUrl = urlOf(o.to, e.cwd);
  const [from, to] = await Promise.all([
    readSide(fromSrc, e, toUrl ?? fromUrl, false, o.revisionDir, checked, o.online === 'auto'),
    readSide(o.to, e, fromUrl ?? toUrl, o.verify, o.revisionDir, checked),
  ]);
  try {
    const planned = planChanges(from.catalog, to.catalog, o.scope, to.renames ?? [], { online: { mode: o.online, plainUpToBytes: o.plainUpToBytes, ...(from.sizes ? { sizes: from.sizes } : {}) } });
    // hazards that scan or rewrite a table carry its size in a database FROM
    const plan = from.url ? { ...planned, statements: await withSizes(from.url, planned.statements) } : planned;
    await checkSingleStatements(plan.statements);
    const unsupported = [...unsupportedIn(from.catalog, o.scope), ...unsupportedIn(to.catalog, o.scope)];
    const warnings = o.verify && plan.statements.length ? await verify(o, plan, from, to, fromUrl ?? toUrl) : [];
    return { plan, unsupported, warnings };
  } finally {
    await to.scratch?.drop();
  }
}

/** Replays the plan (and, against files, the way back) on a scratch copy. */
async function verify(o: DiffFlowOptions, plan: PlanResult, from: SideRead, to: SideRead, near: string | undefined): Promise<string[]> {
  if (to.scratch) {
    const back = planChanges(to.catalog, from.catalog, o.scope, reverseRenames(plan.renames), { online: { mode: o.online === 'never' ? 'never' : 'always' } });
    return verifyOnDesiredCopy({ url: to.scratch.url, current: from.catalog, desired: to.catalog, upgrade: plan.statements, downgrade: back.statements, scope: o.scope, renames: { upgrade: plan.renames, downgrade: back.renames } });
  }
  const server = await scratchServer(o.environment, { near, allowNear: true });
  return verifyPlan({ scratchServer: server, empty: await readEmpty(server), current: from.catalog, desired: to.catalog, upgrade: plan.statements, scope: o.scope, renames: { upgrade: plan.renames } });
}

interface SideRead {
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

