/** Helpers for loader tests: temporary schema trees and a scratch database on PostgreSQL 15. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadSource, runLoadedSource } from '../../src/load/index.js';
import { createDb, servers } from '../support/servers.js';

export const fixture = (name: string): string => join(dirname(fileURLToPath(import.meta.url)), 'fixtures', name);

/** Write files (relative path -> text) under a new temporary directory; returns the directory. */
export async function tempSchema(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'fas-load-'));
  for (const [rel, text] of Object.entries(files)) {
    const p = join(root, rel);
    await mkdir(dirname(p), { recursive: true });
    await writeFile(p, text);
  }
  return root;
}

/** Run `fn` with a client on a fresh database; the database is always dropped. */
export async function withDb<T>(fn: (c: pg.Client, url: string) => Promise<T>): Promise<T> {
  const db = await createDb(servers()[0]!, 'fas_load');
  try {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return await fn(c, db.url);
    } finally {
      await c.end();
    }
  } finally {
    await db.drop();
  }
}

/** Load a source and run it in a fresh database. */
export async function loadAndRun(path: string): Promise<void> {
  const loaded = await loadSource(path);
  await withDb((c) => runLoadedSource(c, loaded));
}
