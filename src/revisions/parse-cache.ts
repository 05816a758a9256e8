/**
 * Parsed revision files, remembered between runs. Parsing a revision file
 * runs the real parser over each statement, a few milliseconds a file; with
 * hundreds of revisions that made every command that reads the chain slower
 * as the history grew. Entries are keyed by the file's path and exact text and
 * by the parser's own code, kept in one JSON file under the project's .fas/
 * (the directory above the revision directory), and read as a whole. A cache
 * that cannot be read or written only costs time.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { codeFingerprint } from '../util/code-fingerprint.js';
import { parseRevisionFile } from './parse.js';
import type { RevisionFile } from './types.js';

export interface ParseCache {
  parse(path: string, text: string): Promise<RevisionFile>;
  /** Writes the entries used by this run (and only those), when anything was parsed anew. */
  save(): void;
  /** Files served from the cache, and files parsed by this run. */
  readonly stats: { hits: number; parsed: number };
}

const FORMAT = 'fas parsed revisions v1';

export function openParseCache(revisionDir: string): ParseCache {
  const file = join(dirname(revisionDir), '.fas', 'parsed-revisions.json');
  const version = codeFingerprint(new URL('./parse.js', import.meta.url).href, FORMAT);
  let old: Record<string, RevisionFile> = {};
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { version?: string; entries?: Record<string, RevisionFile> };
    if (doc.version === version && doc.entries) old = doc.entries;
  } catch {
    // missing or damaged: start empty
  }
  const used: Record<string, RevisionFile> = {};
  const stats = { hits: 0, parsed: 0 };
  return {
    stats,
    async parse(path, text) {
      const key = createHash('sha256').update(path).update('\0').update(text).digest('hex');
      const hit = old[key];
      if (hit && hit.path === path) {
        stats.hits++;
        return (used[key] = hit);
      }
      const parsed = await parseRevisionFile(path, text);
      stats.parsed++;
      return (used[key] = parsed);
    },
    save() {
      if (!stats.parsed && Object.keys(used).length === Object.keys(old).length) return;
      try {
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify({ version, entries: used }));
        renameSync(tmp, file);
      } catch {
        // not writable: parse again next time
      }
    },
  };
}
