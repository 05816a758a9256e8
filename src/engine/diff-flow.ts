/**
 * fas diff as an engine function: two sources (database URLs, schema files,
 * or a revision chain replayed) read in parallel, files checked before any
 * server is contacted; the plan between them with the online policy (sizes of
 * a database FROM), optionally verified; scratch databases dropped on every path.
 */
import type { Catalog } from '../catalog/model.js';
import { withServers, type Environment, type Servers } from './environment.js';
import { loadFilesIntoScratch, readDatabaseRows, readFilesWithRenames, sourceKind } from './read-source.js';
import type { Rename } from '../diff/renames.js';
import type { ScratchDb } from '../scratch/scratch-db.js';
import type { LoadedSource } from '../load/index.js';
import type { PlanResult } from '../plan/planner.js';
import type { unsupportedIn } from '../diff/diff.js';
import type { Scope } from '../diff/scope.js';
import { readRevisionsSource, revisionsSource } from './revision-source.js';
import { isAbsolute, resolve } from 'node:path';
import type { OnlineMode } from '../plan/online.js';
import { allOrRelease } from '../util/settle.js';
import { connect } from '../util/db.js';
import { SIZES_CONNECT_OPTIONS, sizesSession } from '../introspect/table-sizes.js';
import type pg from 'pg';

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
  // the planner and its stages (a hundred modules) load while the servers answer the catalog queries
  const stage = import('./diff-plan-stage.js');
  stage.catch(() => undefined); // awaited below; a failed read must not leave it unhandled
  return withServers(e, async (servers) => {
    const fromSrc = o.from ?? (await servers.target());
    const fromUrl = urlOf(fromSrc, e.cwd);
    const toUrl = urlOf(o.to, e.cwd);
    const read = (src: string, near: string | undefined, keep: boolean, sizes: boolean) => readSide(src, { e, servers, near, keep, defaultDir: o.revisionDir, checked, sizes });
    const release = async (side: SideRead) => {
      await side.scratch?.drop();
      await side.sizeSession?.then((c) => c.end(), () => undefined);
    };
    const [from, to] = await allOrRelease<[SideRead, SideRead]>([read(fromSrc, toUrl ?? fromUrl, false, true), read(o.to, fromUrl ?? toUrl, o.verify, false)], release);
    try {
      return await (await stage).planSides(o, servers, from, to, fromUrl ?? toUrl);
    } finally {
      await release(from);
      await release(to);
    }
  });
}

export interface SideRead {
  readonly catalog: Catalog;
  readonly url?: string;
  /** The scratch database holding a files side, kept for verification. */
  readonly scratch?: ScratchDb;
  /**
   * A database FROM side: a session of fas's own on it, opened beside the catalog read, that reads
   * the sizes the plan needs (engine/sized-plan.ts); ended when the flow ends.
   */
  readonly sizeSession?: Promise<pg.Client>;
  /** Renames a files side declares (renamed_from, -- fas:renamed-from). */
  readonly renames?: readonly Rename[];
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

interface SideOptions {
  readonly e: Environment;
  readonly servers: Servers;
  /** The other side's server, when it is a database: scratch databases go near it. */
  readonly near: string | undefined;
  /** Keep a files side's scratch database (for verification). */
  readonly keep: boolean;
  readonly defaultDir: string;
  readonly checked: ReadonlyMap<string, LoadedSource>;
  /** A database side opens its size session (FROM). */
  readonly sizes: boolean;
}

/** A side whose catalog is built from its rows when first read. */
function built(catalog: () => Catalog, rest: Omit<SideRead, 'catalog'>): SideRead {
  return {
    get catalog() {
      return catalog();
    },
    ...rest,
  };
}

async function readSide(src: string, o: SideOptions): Promise<SideRead> {
  const { e, servers, near } = o;
  const revs = revisionsSource(src);
  if (revs) {
    const dir = revs.dir === undefined ? o.defaultDir : isAbsolute(revs.dir) ? revs.dir : resolve(e.cwd, revs.dir);
    return { catalog: await readRevisionsSource(dir, await servers.scratch({ near, allowNear: true })) };
  }
  const s = sourceKind(src, e.cwd);
  if (s.kind === 'url') {
    // the catalog is built when first used, once both sides are read (readDatabaseRows)
    if (!o.sizes) return built(await readDatabaseRows(s.url), { url: s.url });
    // connected while the catalog is read: the size reads after the diff find it ready
    const sizeSession = connect(s.url, SIZES_CONNECT_OPTIONS).then(sizesSession);
    sizeSession.catch(() => undefined); // its failure surfaces where it is used
    try {
      return built(await readDatabaseRows(s.url), { url: s.url, sizeSession });
    } catch (err) {
      await sizeSession.then((c) => c.end(), () => undefined);
      throw err;
    }
  }
  const server = await servers.scratch({ near, allowNear: true });
  const files = o.checked.get(src) ?? s.path;
  if (!o.keep) return await readFilesWithRenames(files, server);
  const { catalog, db, renames } = await loadFilesIntoScratch(files, server);
  return { catalog, scratch: db, renames };
}
