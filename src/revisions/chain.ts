/**
 * The revision chain: one base, linear, every parent present. Problems are
 * collected (lint reports them all); readRevisionDir throws the first.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FasError, type SourceLocation } from '../util/errors.js';
import type { RevisionChain, RevisionFile } from './types.js';
import { openParseCache } from './parse-cache.js';

export interface ChainProblem {
  readonly message: string;
  readonly location: SourceLocation;
}

/** Check a set of revision files; returns them base -> head when there is no problem. */
export function checkChain(files: readonly RevisionFile[]): { ordered: RevisionFile[]; problems: ChainProblem[] } {
  const problems: ChainProblem[] = [];
  const byId = new Map<string, RevisionFile>();
  for (const f of files) {
    const other = byId.get(f.id);
    if (other) problems.push({ message: `revision ${f.id} appears twice: ${other.path} and ${f.path}`, location: { file: f.path } });
    else byId.set(f.id, f);
  }
  const children = new Map<string | null, RevisionFile[]>();
  for (const f of byId.values()) {
    if (f.parent !== null && !byId.has(f.parent)) {
      problems.push({ message: `parent revision ${f.parent} of ${f.id} is missing (no file holds it)`, location: { file: f.path } });
    }
    children.set(f.parent, [...(children.get(f.parent) ?? []), f]);
  }
  for (const [parent, kids] of children) {
    if (kids.length > 1) {
      const what = parent === null ? 'several base revisions (parent: base)' : `a fork: several revisions have parent ${parent}`;
      problems.push({ message: `${what}: ${kids.map((k) => `${k.path} (${k.id})`).join(', ')}`, location: { file: kids[1]!.path } });
    }
  }
  const ordered: RevisionFile[] = [];
  if (byId.size > 0 && !children.has(null)) {
    const first = [...byId.values()][0]!;
    problems.push({ message: 'no base revision (one revision must have parent: base)', location: { file: first.path } });
  }
  const seen = new Set<string>();
  let cur = children.get(null)?.[0];
  while (cur && !seen.has(cur.id)) {
    seen.add(cur.id);
    ordered.push(cur);
    cur = children.get(cur.id)?.[0];
  }
  if (problems.length === 0) {
    for (const f of byId.values()) {
      if (!seen.has(f.id)) problems.push({ message: `revision ${f.id} is not connected to the chain from base (a cycle?)`, location: { file: f.path } });
    }
  }
  return { ordered, problems };
}

/** The revision files (*.sql) of a directory, sorted by name. */
export async function listRevisionFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((n) => n.endsWith('.sql')).sort().map((n) => join(dir, n));
}

/** What a revision directory holds, read without giving up at the first problem (fas current, fas history). */
export interface ChainReading {
  /** The chain from base as far as it is connected (the whole chain when there is no problem). */
  readonly chain: RevisionChain;
  /** Every file that parsed, in file-name order. */
  readonly files: readonly RevisionFile[];
  /** Parsed files that the chain from base does not reach (after a missing parent, on a fork's other branch). */
  readonly detached: readonly RevisionFile[];
  readonly problems: readonly ChainProblem[];
  /** The parse errors of unreadable files (also in problems). */
  readonly errors: readonly FasError[];
}

/** Read a directory's revision files and report every problem (unparseable files, missing parents, forks) instead of throwing. */
export async function readRevisionDirLenient(dir: string): Promise<ChainReading> {
  let paths: string[];
  try {
    paths = await listRevisionFiles(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { chain: { revisions: [], head: null }, files: [], detached: [], problems: [], errors: [] };
    throw new FasError('CONFIG', `cannot read revision directory ${dir}: ${(e as Error).message}`, { cause: e });
  }
  const files: RevisionFile[] = [];
  const problems: ChainProblem[] = [];
  const errors: FasError[] = [];
  const parsed = openParseCache(dir);
  for (const p of paths) {
    try {
      files.push(await parsed.parse(p, await readFile(p, 'utf8')));
    } catch (e) {
      if (!(e instanceof FasError) || e.code !== 'REVISION') throw e;
      errors.push(e);
      problems.push({ message: `unreadable revision file: ${e.message}`, location: e.location ?? { file: p } });
    }
  }
  parsed.save();
  const checked = checkChain(files);
  const reached = new Set(checked.ordered.map((r) => r.id));
  return {
    chain: { revisions: checked.ordered, head: checked.ordered.length ? checked.ordered[checked.ordered.length - 1]!.id : null },
    files,
    detached: files.filter((f) => !reached.has(f.id)),
    problems: [...problems, ...checked.problems],
    errors,
  };
}

/** Read and validate a directory's revision files; a missing directory is an empty chain. */
export async function readRevisionDir(dir: string): Promise<RevisionChain> {
  const { chain, problems, errors } = await readRevisionDirLenient(dir);
  if (errors.length > 0) throw errors[0]!;
  if (problems.length > 0) {
    const p = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s); run fas lint)` : '';
    throw new FasError('REVISION', p.message + more, { location: p.location });
  }
  return chain;
}
