/**
 * What a target should look like: schema/ normalized once for targets at the
 * head, and, for targets behind, the chain replayed up to their revision in a
 * scratch database (once per distinct revision). Scratch databases live on the
 * dev or embedded server, never on a fleet member.
 */
import type { Catalog } from '../catalog/model.js';
import { readDatabase, readFiles } from '../engine/read-source.js';
import { replay } from '../engine/replay.js';
import type { RevisionChain } from '../revisions/types.js';
import { createScratchDb } from '../scratch/scratch-db.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';

export interface ExpectedCatalogs {
  /** The catalog a target at `revision` should have; the head (and an empty chain) means schema/. */
  at(revision: string | null): Promise<Catalog>;
  /** How many scratch loads were made. */
  loads(): number;
}

export function expectedCatalogs(chain: RevisionChain, schemaPath: string, scratchServer: () => Promise<string>): ExpectedCatalogs {
  const cache = new Map<string, Promise<Catalog>>();
  let loads = 0;
  const load = (key: string, fn: (server: string) => Promise<Catalog>) => {
    let p = cache.get(key);
    if (!p) {
      p = scratchServer().then((s) => {
        loads++;
        return fn(s);
      });
      cache.set(key, p);
    }
    return p;
  };
  return {
    at(revision) {
      if (revision === chain.head) return load('schema/', (s) => readFiles(schemaPath, s));
      return load(`revision ${revision ?? 'base'}`, (s) => replayed(chain, revision, s));
    },
    loads: () => loads,
  };
}

async function replayed(chain: RevisionChain, revision: string | null, server: string): Promise<Catalog> {
  const upTo = revision === null ? 0 : chain.revisions.findIndex((r) => r.id === revision) + 1;
  if (revision !== null && upTo === 0) throw new FasError('INTERNAL', `revision ${revision} is not in the chain`);
  const db = await createScratchDb(server);
  try {
    await withClient(db.url, { applicationName: 'fas scratch' }, async (c) => {
      for (const r of chain.revisions.slice(0, upTo)) {
        await replay(c, r.upgrade, (step, s, message) => new FasError('VERIFY', `replaying revision ${r.id} (${r.path}) step ${step} (${s.source}) in a scratch database failed: ${message}`));
      }
    });
    return await readDatabase(db.url);
  } finally {
    await db.drop();
  }
}
