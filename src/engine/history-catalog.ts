/**
 * The catalog a revision history produces: what a target that applied those
 * revisions must look like. Used to detect drift (plan, stamp, check).
 *
 * Replaying every revision on every run makes each command slower as the
 * history grows, so results are cached by a key chained over the revisions
 * (see history-cache.ts):
 * - the whole chain is cached: no scratch database at all;
 * - a prefix is cached (new revisions were added): a scratch database is built
 *   from the cached catalog with its create script, diff(empty, cached), read
 *   back and checked equal to the cached catalog, then only the new revisions
 *   are replayed; any mismatch falls back to a full replay;
 * - nothing is cached: every revision is replayed.
 */
import type { Catalog } from '../catalog/model.js';
import { diffCatalogs } from '../diff/diff.js';
import { ALL } from '../diff/scope.js';
import type { Statement } from '../plan/statement.js';
import type { Revision } from '../revisions/types.js';
import { createScratchDb, serverVersion } from '../scratch/scratch-db.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { historyCache, historyKeys } from './history-cache.js';
import { readDatabase } from './read-source.js';
import { replay } from './replay.js';

export interface HistoryCatalog {
  readonly catalog: Catalog;
  /** Where it came from: the cache, a cached prefix plus `replayed` revisions, or a full replay. */
  readonly source: 'cache' | 'prefix' | 'replay';
  /** Revisions replayed in a scratch database by this call. */
  readonly replayed: number;
}

export interface HistoryOptions {
  /** Project directory whose .fas/history-cache/ is used; no cache when absent. */
  readonly projectDir?: string;
  readonly applicationName?: string;
  readonly log?: (msg: string) => void;
}

type RevisionLike = Revision & { readonly path?: string };

async function replayRevisions(url: string, revisions: readonly RevisionLike[], applicationName: string): Promise<void> {
  await withClient(url, { applicationName }, async (c) => {
    for (const r of revisions)
      await replay(c, r.upgrade, (step, _s, message) => new FasError('REVISION', `replaying ${r.path ?? `revision ${r.id}`} step ${step} in a scratch database failed: ${message}`, r.path ? { location: { file: r.path } } : {}));
  });
}

/** Builds `base` in the empty database at `url`; false when the result does not read back equal. */
async function buildFromCatalog(url: string, base: Catalog, applicationName: string): Promise<boolean> {
  const { planChanges } = await import('../plan/planner.js');
  const empty = await readDatabase(url, { applicationName });
  const script: readonly Statement[] = planChanges(empty, base, ALL).statements;
  try {
    await withClient(url, { applicationName }, (c) => replay(c, script, (step, s, message) => new FasError('INTERNAL', `step ${step} (${s.source}): ${message}`)));
  } catch {
    return false;
  }
  return diffCatalogs(await readDatabase(url, { applicationName }), base, ALL).length === 0;
}

export async function catalogOfRevisions(server: string, revisions: readonly RevisionLike[], opts: HistoryOptions = {}): Promise<HistoryCatalog> {
  const app = opts.applicationName ?? 'fas history';
  const cache = opts.projectDir === undefined ? undefined : historyCache(opts.projectDir);
  const keys = cache ? historyKeys(revisions, await serverVersion(server)) : [];
  const n = revisions.length;
  const hit = cache?.get(keys[n]!);
  if (hit) return { catalog: hit, source: 'cache', replayed: 0 };

  let start = 0;
  let base: Catalog | undefined;
  for (let i = n - 1; cache && i > 0 && !base; i--) {
    base = cache.get(keys[i]!);
    if (base) start = i;
  }
  let db = await createScratchDb(server);
  try {
    if (base && !(await buildFromCatalog(db.url, base, app))) {
      opts.log?.(`fas: the cached catalog of the first ${start} revisions did not rebuild exactly; replaying all ${n}\n`);
      await db.drop();
      db = await createScratchDb(server);
      start = 0;
    }
    opts.log?.(`fas: replaying ${n - start} revision(s) in a scratch database to check for drift${start ? ` (the first ${start} from .fas/history-cache)` : ''}\n`);
    await replayRevisions(db.url, revisions.slice(start), app);
    const catalog = await readDatabase(db.url, { applicationName: app });
    cache?.put(keys[n]!, catalog, n);
    return { catalog, source: start > 0 ? 'prefix' : 'replay', replayed: n - start };
  } finally {
    await db.drop();
  }
}
