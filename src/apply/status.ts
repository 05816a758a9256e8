/**
 * The revision chain (files) against what the target has applied (history):
 * which revisions are applied, pending or changed since they were applied,
 * and which applied revisions no file knows.
 */
import { checksumMatches } from '../revisions/superseded-layouts.js';
import type { RevisionChain, RevisionFile } from '../revisions/types.js';
import { FasError } from '../util/errors.js';
import type { AppliedRevision, DbState } from './history-store.js';

export interface RevisionStatus {
  readonly revision: RevisionFile;
  readonly applied?: AppliedRevision;
  /** Applied from a file whose content differs from today's file. */
  readonly changed: boolean;
}

export interface ChainStatus {
  readonly chain: RevisionChain;
  readonly revisions: readonly RevisionStatus[];
  /** The applied head: the last applied revision of the chain, or null at base. */
  readonly current: string | null;
  readonly pending: readonly RevisionFile[];
  readonly changed: readonly RevisionStatus[];
  /** Applied revisions no file knows. */
  readonly unknown: readonly AppliedRevision[];
  /** Problems that make the applied set disagree with the chain (gaps, alembic_version mismatch). */
  readonly inconsistencies: readonly string[];
  /** public.alembic_version's rows; undefined when the table does not exist. */
  readonly alembicVersion: readonly string[] | undefined;
}

export function chainStatus(chain: RevisionChain, db: DbState): ChainStatus {
  const known = new Set(chain.revisions.map((r) => r.id));
  const revisions: RevisionStatus[] = chain.revisions.map((r) => {
    const a = db.applied.get(r.id);
    return a ? { revision: r, applied: a, changed: !checksumMatches(a.checksum, r) } : { revision: r, changed: false };
  });
  const unknown = [...db.applied.values()].filter((a) => !known.has(a.revision));
  const inconsistencies: string[] = [];
  let lastApplied = -1;
  revisions.forEach((s, i) => {
    if (s.applied) lastApplied = i;
  });
  for (let i = 0; i < lastApplied; i++) {
    const s = revisions[i]!;
    if (!s.applied) inconsistencies.push(`revision ${s.revision.id} (${s.revision.path}) is not applied although its descendant ${revisions[lastApplied]!.revision.id} is`);
  }
  const current = lastApplied >= 0 ? revisions[lastApplied]!.revision.id : null;
  if (db.alembicVersion !== undefined && db.tracked && unknown.length === 0) {
    const want = current === null ? [] : [current];
    if (db.alembicVersion.join(',') !== want.join(',')) {
      inconsistencies.push(`public.alembic_version holds ${db.alembicVersion.length ? db.alembicVersion.join(', ') : 'no row'} but fas history says ${current ?? 'base'}`);
    }
  } else if (db.alembicVersion !== undefined && db.alembicVersion.length > 0 && !db.tracked) {
    const v = db.alembicVersion.join(', ');
    const adopt = db.alembicVersion.length === 1 && known.has(db.alembicVersion[0]!) ? `\`fas stamp ${v}\`` : '`fas stamp REV` (REV: the revision its schema is at)';
    inconsistencies.push(`public.alembic_version holds ${v} but fas has no history in this database (migrated by Alembic or another tool?); adopt it with ${adopt}, which checks the schema first`);
  }
  return {
    chain,
    revisions,
    current,
    pending: revisions.slice(lastApplied + 1).map((s) => s.revision),
    changed: revisions.filter((s) => s.changed),
    unknown,
    inconsistencies,
    alembicVersion: db.alembicVersion,
  };
}

/** Refuse (exit 1) when the database and the files disagree: unknown applied revisions, gaps, alembic_version. */
export function assertConsistent(st: ChainStatus): void {
  if (st.unknown.length > 0) {
    const list = st.unknown.map((a) => `${a.revision} (${JSON.stringify(a.message)}, applied ${a.appliedAt})`).join(', ');
    throw new FasError('DRIFT', `the database has applied revision(s) that no file in the revision directory knows: ${list}`, { refused: true });
  }
  if (st.inconsistencies.length > 0) {
    throw new FasError('DRIFT', `the database's revision history disagrees with the files: ${st.inconsistencies.join('; ')}`, { refused: true });
  }
}

/** Refuse (exit 1) when one of these applied revisions' files changed since it was applied. */
export function assertUnchanged(statuses: readonly RevisionStatus[], doing: string): void {
  const changed = statuses.filter((s) => s.changed);
  if (changed.length === 0) return;
  const list = changed.map((s) => `${s.revision.path} (revision ${s.revision.id}: applied with ${s.applied!.checksum}, the file is now ${s.revision.actualChecksum})`).join('; ');
  throw new FasError('DRIFT', `refusing to ${doing}: revision file(s) changed since they were applied: ${list}`, {
    refused: true,
    location: { file: changed[0]!.revision.path },
  });
}

/** Find a revision by id or unique prefix (at least 4 hex digits); 'head' is the chain's head. */
export function findRevision(chain: RevisionChain, ref: string, flag: string): RevisionFile {
  const want = ref === 'head' ? chain.head : ref;
  const exact = chain.revisions.find((r) => r.id === want);
  if (exact) return exact;
  const matches = want && /^[0-9a-f]{4,12}$/.test(want) ? chain.revisions.filter((r) => r.id.startsWith(want)) : [];
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) throw new FasError('CONFIG', `${flag} ${ref} is ambiguous: ${matches.map((m) => m.id).join(', ')}`);
  throw new FasError('CONFIG', `${flag} ${ref}: no such revision in the revision directory${chain.head ? ` (head is ${chain.head})` : ' (it holds no revision)'}`);
}
