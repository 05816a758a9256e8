/**
 * --allow-hazards: refuse, before anything runs, blocking hazards not allowed
 * by name, and sized hazards (REWRITES_TABLE, INDEX_BUILD, VALIDATES_CONSTRAINT)
 * not allowed by name on a table larger than the limit of their type.
 */
import { BLOCKING_HAZARDS, HAZARD_TYPES, isSizedHazard, type Hazard, type HazardType } from '../plan/hazards.js';
import type { TableSizes } from '../introspect/table-sizes.js';
import { readSizesOf } from './relation-sizes.js';
import { tablesOf } from '../plan/hazard-sizes.js';
import type { ObjectId } from '../catalog/model.js';
import { loadParser } from '../sql/statement-table.js';
import { withClient } from '../util/db.js';
import { DEFAULT_SIZE_LIMITS, type SizeLimits, type SizeVerdict, describeVerdict, sizeVerdict } from './size-gate.js';
import type { RevisionFile } from '../revisions/types.js';
import { FasError } from '../util/errors.js';
import type { Direction } from './history-store.js';
import { derivationState, deriveSectionHazards } from './sql-hazards.js';
import { type LiveColumnType, liveColumnTypes } from './column-types.js';

/** Hazard types allowed by name (--allow-hazards), or all of them. */
export type HazardAllowList = ReadonlySet<HazardType> | 'all';

/** What apply refuses: the allow-list, the size limits, and the target's table sizes read when the run starts. */
export interface AllowedHazards {
  readonly allow: HazardAllowList;
  readonly limits: SizeLimits;
  /** Read from the target before the run (engine/apply-flow.ts); a table it does not hold counts as empty. */
  readonly sizes: TableSizes;
  /** Relations whose size a lock held by another session kept fas from reading: counted as larger than any limit. */
  readonly locked: ReadonlySet<ObjectId>;
}

/** What the command line says (--allow-hazards, --size-limit, FAS_SIZE_LIMITS), before the target's sizes are read. */
export type HazardRules = Omit<AllowedHazards, 'sizes' | 'locked'>;

export function hazardRules(allow: HazardAllowList, limits: SizeLimits = DEFAULT_SIZE_LIMITS): HazardRules {
  return { allow, limits };
}

/** Every hazard allowed (tests, benchmarks): no size is needed. */
export const ALLOW_ALL: AllowedHazards = { allow: 'all', limits: DEFAULT_SIZE_LIMITS, sizes: new Map(), locked: new Set() };

/**
 * The rules with the sizes of the tables the revisions' statements scan or rewrite, read now from the
 * target (a catalog lookup, then pg_table_size per table under a short lock_timeout).
 */
export async function readHazardPolicy(url: string, rules: HazardRules, revisions: readonly RevisionFile[]): Promise<AllowedHazards> {
  const tables = await tablesOf(revisions.flatMap((r) => [...r.upgrade, ...r.downgrade]));
  // the executor's generous connect timeout: migrations often run in CI right after the database starts
  const read = await withClient(url, { applicationName: 'fas', connectTimeoutMs: 30_000 }, (c) => readSizesOf(c, tables));
  return { ...rules, ...read };
}

/** Parse "DELETES_DATA,NARROWS_TYPE" or "all"; unknown names are errors. */
export function parseAllowHazards(values: readonly string[]): HazardAllowList {
  const names = values.flatMap((v) => v.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (names.some((n) => n.toLowerCase() === 'all')) return 'all';
  const out = new Set<HazardType>();
  for (const n of names) {
    const t = n.toUpperCase();
    if (!(HAZARD_TYPES as readonly string[]).includes(t)) {
      throw new FasError('CONFIG', `--allow-hazards: unknown hazard type ${n} (known: ${HAZARD_TYPES.join(', ')}, or all)`);
    }
    out.add(t as HazardType);
  }
  return out;
}

export interface BlockedHazard {
  readonly revision: RevisionFile;
  readonly direction: Direction;
  /** 1-based statement number in its section. */
  readonly step: number;
  readonly source: string;
  readonly hazard: Hazard;
  /** Found in the parsed SQL, not declared by the step comment. */
  readonly derived: boolean;
  /** A sized hazard: its table's size at apply start against the limit. */
  readonly size?: SizeVerdict;
}

type Section = { readonly revision: RevisionFile; readonly direction: Direction };

/** Hazards derived from the parsed SQL of each section to run: `${revision}:${direction}` -> per step. */
export type DerivedHazards = ReadonlyMap<string, readonly (readonly Hazard[])[]>;

export function sectionKey(revision: RevisionFile, direction: Direction): string {
  return `${revision.id}:${direction}`;
}

/** In the order they run; `live` reads a column's type from the target (type changes that are binary-coercible are no rewrite). */
export async function deriveWorkHazards(work: readonly Section[], live?: LiveColumnType): Promise<DerivedHazards> {
  await loadParser(); // the gate finds the table of a sized hazard with the synchronous parser
  const out = new Map<string, Hazard[][]>();
  const state = derivationState(live);
  for (const { revision, direction } of work) out.set(sectionKey(revision, direction), await deriveSectionHazards(revision[direction], state));
  return out;
}

/** Every hazard of the work that the gate judges, declared and derived, with its size verdict when it is a sized one. */
export function gatedHazards(work: readonly Section[], policy: AllowedHazards, derived: DerivedHazards = new Map()): (BlockedHazard & { readonly allowed: boolean })[] {
  const out: (BlockedHazard & { allowed: boolean })[] = [];
  const allowed = (t: HazardType) => policy.allow === 'all' || policy.allow.has(t);
  for (const { revision, direction } of work) {
    const found = derived.get(sectionKey(revision, direction));
    revision[direction].forEach((s, i) => {
      const all = [...s.hazards.map((h) => ({ h, derived: false })), ...(found?.[i] ?? []).map((h) => ({ h, derived: true }))];
      for (const { h, derived: d } of all) {
        const base = { revision, direction, step: i + 1, source: s.source, hazard: h, derived: d, allowed: allowed(h.type) };
        if (isSizedHazard(h.type)) out.push({ ...base, size: sizeVerdict(s.sql, h.type, policy) });
        else if (BLOCKING_HAZARDS.has(h.type)) out.push(base);
      }
    });
  }
  return out;
}

/** The hazards not allowed: blocking ones, and sized ones on a table larger than their limit. Call deriveWorkHazards first (it loads the parser). */
export function blockedHazards(work: readonly Section[], policy: AllowedHazards, derived: DerivedHazards = new Map()): BlockedHazard[] {
  return gatedHazards(work, policy, derived)
    .filter((g) => !g.allowed && (g.size === undefined || g.size.overLimit))
    .map(({ allowed: _, ...b }) => b);
}

export function assertNoBlockedHazards(blocked: readonly BlockedHazard[]): void {
  if (blocked.length === 0) return;
  const lines = blocked.map(
    (b) =>
      `  ${b.hazard.type}: revision ${b.revision.id} ${b.direction} step ${b.step} (${b.source})${b.derived ? ' [found in the SQL; the step comment does not declare it]' : ''}: ${b.hazard.message}` +
      (b.size ? ` [${describeVerdict(b.size)}]` : ''),
  );
  const types = [...new Set(blocked.map((b) => b.hazard.type))];
  const sized = types.filter((t) => isSizedHazard(t));
  const limits = sized.length ? ` (or raise the size limit: --size-limit ${sized[0]}=SIZE)` : '';
  throw new FasError('HAZARD', `refusing to run ${blocked.length} hazardous statement(s); nothing was run. Allow them with --allow-hazards ${types.join(',')}${limits}\n${lines.join('\n')}`, {
    refused: true,
  });
}

/** --dry-run: one line per sized hazard, with the size of its table and whether a real run passes or refuses it. */
export function sizedHazardLines(work: readonly Section[], policy: AllowedHazards, derived: DerivedHazards = new Map()): string[] {
  return gatedHazards(work, policy, derived).flatMap((g) => {
    if (!g.size) return [];
    const verdict = g.allowed ? 'passes (allowed by --allow-hazards)' : g.size.overLimit ? `refused without --allow-hazards ${g.hazard.type}` : 'passes';
    return [`-- size gate: ${g.hazard.type} in revision ${g.revision.id} ${g.direction} step ${g.step} (${g.source}): ${describeVerdict(g.size)}: ${verdict}\n`];
  });
}

/** --dry-run: the size gate's lines for the work a dry run planned, its derived hazards read with the live column types of the target. */
export async function sizeGateReport(url: string, work: readonly Section[], policy: AllowedHazards): Promise<string> {
  if (work.length === 0) return '';
  const lines = await withClient(url, { applicationName: 'fas', connectTimeoutMs: 30_000 }, async (c) => sizedHazardLines(work, policy, await deriveWorkHazards(work, liveColumnTypes(c))));
  return lines.length ? lines.join('') + '\n' : '';
}
