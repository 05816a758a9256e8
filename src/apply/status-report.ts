/**
 * What fas current and fas history say about a target and a revision
 * directory, even when the directory's chain is broken: every problem in
 * words, so the commands print what they know and exit 1.
 */
import type { ChainReading } from '../revisions/chain.js';
import type { AppliedRevision } from './history-store.js';
import type { ChainStatus } from './status.js';

export interface StatusProblems {
  /** Problems of the revision directory (missing file, fork, unreadable file). */
  readonly chain: readonly string[];
  /** Applied revisions that no file knows (files beyond a break are not "unknown": see detachedApplied). */
  readonly unknown: readonly AppliedRevision[];
  /** Applied revisions whose file exists but is not reached from base. */
  readonly detachedApplied: readonly string[];
  /** True when anything above, a changed file or an inconsistency is to report. */
  readonly any: boolean;
}

export function chainProblems(reading: ChainReading): string[] {
  const out = reading.problems.map((p) => `${p.location.file}${p.location.line ? `:${p.location.line}` : ''}: ${p.message}`);
  for (const d of reading.detached) {
    if (!out.some((p) => p.includes(d.id))) out.push(`${d.path}: revision ${d.id} is not reached from base (parent ${d.parent ?? 'base'})`);
  }
  return out;
}

export function statusProblems(reading: ChainReading, st: ChainStatus | undefined): StatusProblems {
  const detached = new Map(reading.detached.map((d) => [d.id, d]));
  const chain = chainProblems(reading);
  const unknown = st?.unknown.filter((u) => !detached.has(u.revision)) ?? [];
  const beyond = st?.unknown.filter((u) => detached.has(u.revision)) ?? [];
  const detachedApplied = beyond.map((u) => `revision ${u.revision} is applied; its file ${detached.get(u.revision)!.path} exists but the chain from base does not reach it`);
  const any = chain.length > 0 || unknown.length > 0 || beyond.length > 0 || (st !== undefined && (st.changed.length > 0 || st.inconsistencies.length > 0));
  return { chain, unknown, detachedApplied, any };
}

/** The revision the database is at: its applied head, or alembic_version when the applied head lies beyond a break in the chain. */
export function currentRevision(reading: ChainReading, st: ChainStatus | undefined): string | null {
  const beyondBreak = st?.unknown.some((u) => reading.detached.some((d) => d.id === u.revision)) ?? false;
  if (beyondBreak && st?.alembicVersion?.length === 1) return st.alembicVersion[0]!;
  return st?.current ?? null;
}
