/**
 * fas stamp REV: adopt a database built by Alembic or by hand. Check that its
 * schema is the state of revision REV (the chain up to REV replayed in a
 * scratch database, both sides introspected and diffed), then record the fas
 * history up to REV and public.alembic_version, without running anything.
 */
import type { Catalog } from '../catalog/model.js';
import { describe } from '../catalog/identity.js';
import { type Change, changeObject } from '../diff/change.js';
import { diffCatalogs } from '../diff/diff.js';
import { ALL } from '../diff/scope.js';
import { catalogOfRevisions } from '../engine/history-catalog.js';
import { readDatabase } from '../engine/read-source.js';
import type { RevisionChain, RevisionFile } from '../revisions/types.js';
import { connect } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { details } from '../report/details.js';
import { ensureHistoryTables, readDbState, recordStamp } from './history-store.js';
import { acquireLock, describeHolder, releaseLock } from './lock.js';
import { assertSealed } from './seal-gate.js';
import { findRevision } from './status.js';

export interface StampOptions {
  readonly url: string;
  readonly chain: RevisionChain;
  readonly ref: string;
  /** Skip the schema check (and the alembic_version agreement check). */
  readonly force?: boolean;
  /** The server for the scratch database of the check; called only when checking. */
  readonly scratchServer: () => Promise<string>;
  /** Project directory for the replay cache. */
  readonly projectDir?: string;
  readonly lockWaitSeconds?: number;
  readonly log: (text: string) => void;
}

export interface StampResult {
  readonly revision: RevisionFile;
  /** Revisions recorded as applied, base first. */
  readonly recorded: readonly RevisionFile[];
  /** Whether the schema was checked against the revision's state (false with --force). */
  readonly checked: boolean;
}

/** One line per difference, in words that say which side holds what. */
export function describeDifferences(changes: readonly Change[]): string[] {
  const words: Record<Change['op'], string> = {
    create: 'only in the database:',
    drop: 'missing from the database:',
    alter: 'different in the database:',
    rename: 'renamed in the database:',
  };
  const value = (v: unknown) => (v === null || v === undefined ? 'absent' : typeof v === 'object' ? 'present' : JSON.stringify(v));
  return changes.flatMap((c) => [
    `  ${words[c.op]} ${describe(changeObject(c))}`,
    ...(c.op === 'alter' ? details(c.from, c.to).map((d) => `      ${d.path}: ${value(d.from)} in the revision, ${value(d.to)} in the database`) : []),
  ]);
}

/** The differences from the state of `upTo` (replayed) to the database's catalog. */
async function differences(opts: StampOptions, upTo: readonly RevisionFile[]): Promise<Change[]> {
  const server = await opts.scratchServer();
  const [expected, actual]: [Catalog, Catalog] = await Promise.all([
    catalogOfRevisions(server, upTo, { projectDir: opts.projectDir, applicationName: 'fas stamp', log: opts.log }).then((h) => h.catalog),
    readDatabase(opts.url, { applicationName: 'fas stamp', readOnly: true }),
  ]);
  return diffCatalogs(expected, actual, ALL);
}

function refuse(message: string): never {
  throw new FasError('DRIFT', message, { refused: true });
}

export async function stampDatabase(opts: StampOptions): Promise<StampResult> {
  const rev = findRevision(opts.chain, opts.ref, 'fas stamp');
  const upTo = opts.chain.revisions.slice(0, opts.chain.revisions.indexOf(rev) + 1);
  assertSealed(upTo);
  const client = await connect(opts.url, { applicationName: 'fas stamp', connectTimeoutMs: 30_000 });
  let locked = false;
  try {
    await acquireLock(client, {
      waitSeconds: opts.lockWaitSeconds ?? 60,
      onWait: (holders) => opts.log(`waiting for the migration lock held by ${holders.map(describeHolder).join('; ') || 'another session'}\n`),
    });
    locked = true;
    const db = await readDbState(client);
    if (db.applied.size > 0) {
      const at = [...db.applied.keys()].join(', ');
      refuse(`fas already has history in this database (applied: ${at}); fas stamp adopts databases built without fas. Use fas apply or fas downgrade.`);
    }
    const alembic = db.alembicVersion ?? [];
    if (!opts.force && alembic.length > 1) refuse(`public.alembic_version holds several revisions (${alembic.join(', ')}): Alembic branches are not a linear fas chain`);
    if (!opts.force && alembic.length === 1 && alembic[0] !== rev.id)
      refuse(`public.alembic_version says the database is at ${alembic[0]}, not ${rev.id}; stamp the revision it is at, or pass --force after checking by hand`);
    let checked = false;
    if (!opts.force) {
      opts.log(`fas: checking the database against the state of ${rev.id} (${upTo.length} revision(s) replayed in a scratch database)...\n`);
      const diff = await differences(opts, upTo);
      if (diff.length)
        refuse(
          `the database does not match the state of revision ${rev.id} (${diff.length} difference(s)); nothing was recorded:\n${describeDifferences(diff).join('\n')}\n` +
            'Bring the database to that state, stamp the revision it does match, or pass --force to record it anyway.',
        );
      checked = true;
    }
    await ensureHistoryTables(client);
    await recordStamp(client, upTo);
    return { revision: rev, recorded: upTo, checked };
  } finally {
    if (locked) await releaseLock(client).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
