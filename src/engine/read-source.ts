/**
 * A source (database URL, schema directory, or one .sql/.yaml file) read into a
 * Catalog. Files are loaded into a scratch database and read back with the same
 * introspector as a live database: one model, compared like with like.
 */
import type { Catalog } from '../catalog/model.js';
import type { Rename } from '../diff/renames.js';
import type { LoadedSource } from '../load/index.js';
import { introspect, introspectRows } from '../introspect/read.js';
import type { ScratchDb } from '../scratch/scratch-db.js';
import { withClient, type ConnectOptions } from '../util/db.js';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { FasError } from '../util/errors.js';
import { isDatabaseUrl } from './environment.js';
import { hasDeclaredMatviews, rememberDeclaredMatviews, withDeclaredMatviews } from './declared-matviews.js';

export interface ReadOptions {
  readonly readOnly?: boolean;
  readonly applicationName?: string;
  readonly statementTimeoutMs?: number;
  readonly onQuery?: (name: string) => void;
}

/** The session options of a read. */
function readSession(opts: ReadOptions): ConnectOptions {
  return { applicationName: opts.applicationName ?? 'fas', readOnly: opts.readOnly, statementTimeoutMs: opts.statementTimeoutMs };
}

export async function readDatabase(url: string, opts: ReadOptions = {}): Promise<Catalog> {
  return withClient(url, readSession(opts), async (c) =>
    withDeclaredMatviews(url, c, await introspect(c, { onQuery: opts.onQuery })),
  );
}

/**
 * readDatabase in two steps: the rows now, the catalog built when first asked for. fas diff
 * reads two databases at once and builds both once both are in: building the first while the
 * second still streams would leave that socket undrained and stall its server mid-query.
 */
export async function readDatabaseRows(url: string, opts: ReadOptions = {}): Promise<() => Catalog> {
  if (hasDeclaredMatviews(url)) {
    const catalog = await readDatabase(url, opts);
    return () => catalog;
  }
  // the builders load while the server answers (they are not needed before the rows are in)
  const builders = import('../introspect/build-catalog.js');
  builders.catch(() => undefined); // awaited below unless the read fails first
  const r = await withClient(url, readSession(opts), (c) => introspectRows(c, { onQuery: opts.onQuery }));
  const { buildCatalog } = await builders;
  let built: Catalog | undefined;
  return () => (built ??= buildCatalog(r.rows, r.serverVersion));
}

/** Statements per transaction when loading a scratch database: few commits, bounded lock table use. */
const LOAD_BATCH = 400;

/** No statement of a schema file may run longer than this while loading (FAS_LOAD_STATEMENT_TIMEOUT_MS overrides). */
export function loadStatementTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.FAS_LOAD_STATEMENT_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : 30_000;
}

/**
 * Load schema files into a fresh scratch database and read them back. The
 * database is kept (for verification) when `keep` is set; the caller drops it,
 * and the cleanup registry drops it on any exit.
 */
export async function loadFilesIntoScratch(
  source: string | LoadedSource,
  scratchServerUrl: string,
): Promise<{ catalog: Catalog; db: ScratchDb; renames: readonly Rename[] }> {
  // the loader (yaml, ajv, the parser) is loaded only when files are read: db->db diffs start faster
  const { loadSource, loadIntoScratch } = await import('../load/index.js');
  // a LoadedSource was read and checked (allow-list, names) before any server was contacted
  const loaded = typeof source === 'string' ? await loadSource(source) : source;
  const { createScratchDb } = await import('../scratch/scratch-db.js'); // loaded on use: db->db diffs start faster
  const db = await createScratchDb(scratchServerUrl, { forLoading: true });
  try {
    await withClient(db.url, { applicationName: 'fas scratch', statementTimeoutMs: loadStatementTimeoutMs() }, async (c) => {
      // on the embedded server a role without superuser runs the files (src/load/load-scratch.ts)
      await loadIntoScratch(c, loaded.statements, { loader: db.loader, batch: LOAD_BATCH, statementTimeoutMs: loadStatementTimeoutMs() });
      await rememberDeclaredMatviews(db.url, c, loaded.statements);
    });
    return { catalog: await readDatabase(db.url), db, renames: loaded.renames };
  } catch (e) {
    await db.drop();
    throw e;
  }
}

/** Load schema files into a fresh scratch database on `scratchServerUrl` and read them back. */
export async function readFiles(path: string, scratchServerUrl: string): Promise<Catalog> {
  return (await readFilesWithRenames(path, scratchServerUrl)).catalog;
}

/** readFiles, with the renames the files declare (for planning against them). */
export async function readFilesWithRenames(path: string | LoadedSource, scratchServerUrl: string): Promise<{ catalog: Catalog; renames: readonly Rename[] }> {
  const { catalog, db, renames } = await loadFilesIntoScratch(path, scratchServerUrl);
  await db.drop();
  return { catalog, renames };
}

/** An empty database's catalog on that server (public schema, plpgsql): the base of "create everything". */
export async function readEmpty(scratchServerUrl: string): Promise<Catalog> {
  const { createScratchDb } = await import('../scratch/scratch-db.js');
  const db = await createScratchDb(scratchServerUrl);
  try {
    return await readDatabase(db.url);
  } finally {
    await db.drop();
  }
}

export function sourceKind(src: string, cwd: string): { kind: 'url'; url: string } | { kind: 'files'; path: string } {
  if (isDatabaseUrl(src)) return { kind: 'url', url: src };
  const path = resolve(cwd, src);
  if (!existsSync(path)) throw new FasError('CONFIG', `source not found: ${src} (expected a postgres:// URL, a schema directory, or a .sql/.yaml file)`);
  return { kind: 'files', path };
}
