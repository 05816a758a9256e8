/**
 * A cache of the catalogs that revision histories produce, so that checking a
 * target for drift does not replay every revision on every run.
 *
 * Entries live under <project>/.fas/history-cache/ (git-ignored), one JSON
 * file each, named by a key chained over the revisions: key(0) covers the
 * server version and the introspector's own code; key(i) = sha256(key(i-1),
 * revision i's id, parent and upgrade SQL). A changed, inserted or removed old
 * revision changes every later key, so it can never be served from the cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../catalog/model.js';
import type { Revision } from '../revisions/types.js';
import { loadQueries, QUERY_NAMES } from '../introspect/queries.js';
import { catalogFromJson, catalogToJson } from './catalog-json.js';
import { codeFingerprint } from '../util/code-fingerprint.js';

/** Bump when the catalog model changes shape in a way the introspector's code hash would not show. */
export const CATALOG_MODEL_VERSION = 1;
/** Entries kept; older ones are removed on write. */
const KEEP = 8;

let codeHash: string | undefined;

/** A hash of the code that decides what a catalog holds: the queries, the reader and the builders it imports. */
export function introspectorFingerprint(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256').update(`model ${CATALOG_MODEL_VERSION}\0`);
  const queries = loadQueries();
  for (const name of QUERY_NAMES) h.update(name).update('\0').update(queries[name]).update('\0');
  codeHash = codeFingerprint(new URL('../introspect/read.js', import.meta.url).href, h.digest('hex'));
  return codeHash;
}

/** keys[i] identifies the state after the first i revisions (keys[0]: the empty history). */
export function historyKeys(revisions: readonly Revision[], serverVersion: number): string[] {
  let key = createHash('sha256').update(`fas history v1\0${serverVersion}\0${introspectorFingerprint()}`).digest('hex');
  const keys = [key];
  for (const r of revisions) {
    const h = createHash('sha256').update(key).update('\0').update(r.id).update('\0').update(r.parent ?? 'base');
    for (const s of r.upgrade) h.update('\0').update(s.sql);
    key = h.digest('hex');
    keys.push(key);
  }
  return keys;
}

export interface HistoryCache {
  readonly dir: string;
  /** The catalog stored under this key, or undefined (missing, unreadable or damaged: treated as missing). */
  get(key: string): Catalog | undefined;
  put(key: string, catalog: Catalog, revisions: number): void;
}

export function historyCache(projectDir: string): HistoryCache {
  const dir = join(projectDir, '.fas', 'history-cache');
  const file = (key: string) => join(dir, `${key.slice(0, 40)}.json`);
  return {
    dir,
    get(key) {
      try {
        // line 1: what the entry is; the rest: the catalog
        const text = readFileSync(file(key), 'utf8');
        const nl = text.indexOf('\n');
        const meta = JSON.parse(text.slice(0, nl)) as { key?: string };
        if (meta.key !== key) return undefined;
        const catalog = catalogFromJson(text.slice(nl + 1));
        const now = new Date();
        utimesSync(file(key), now, now); // recently used entries survive pruning
        return catalog;
      } catch {
        return undefined;
      }
    },
    put(key, catalog, revisions) {
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file(key)}.${process.pid}.tmp`;
        writeFileSync(tmp, `${JSON.stringify({ key, revisions, written: new Date().toISOString() })}\n${catalogToJson(catalog)}\n`);
        renameSync(tmp, file(key));
        prune(dir);
      } catch {
        // a cache that cannot be written only costs time on the next run
      }
    },
  };
}

function prune(dir: string): void {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const e of entries.slice(KEEP)) unlinkSync(join(dir, e.f));
}
