/** --allow-hazards: refuse blocking hazards that are not allowed by name, before anything runs. */
import { BLOCKING_HAZARDS, HAZARD_TYPES, type Hazard, type HazardType } from '../plan/hazards.js';
import type { RevisionFile } from '../revisions/types.js';
import { FasError } from '../util/errors.js';
import type { Direction } from './history-store.js';
import { derivationState, deriveSectionHazards } from './sql-hazards.js';
import type { LiveColumnType } from './column-types.js';

export type AllowedHazards = ReadonlySet<HazardType> | 'all';

/** Parse "DELETES_DATA,NARROWS_TYPE" or "all"; unknown names are errors. */
export function parseAllowHazards(values: readonly string[]): AllowedHazards {
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
}

type Section = { readonly revision: RevisionFile; readonly direction: Direction };

/** Hazards derived from the parsed SQL of each section to run: `${revision}:${direction}` -> per step. */
export type DerivedHazards = ReadonlyMap<string, readonly (readonly Hazard[])[]>;

export function sectionKey(revision: RevisionFile, direction: Direction): string {
  return `${revision.id}:${direction}`;
}

/** In the order they run; `live` reads a column's type from the target (type changes that are binary-coercible are no rewrite). */
export async function deriveWorkHazards(work: readonly Section[], live?: LiveColumnType): Promise<DerivedHazards> {
  const out = new Map<string, Hazard[][]>();
  const state = derivationState(live);
  for (const { revision, direction } of work) out.set(sectionKey(revision, direction), await deriveSectionHazards(revision[direction], state));
  return out;
}

/** The blocking hazards not allowed: declared by the step comments, and derived from the SQL. */
export function blockedHazards(work: readonly Section[], allowed: AllowedHazards, derived: DerivedHazards = new Map()): BlockedHazard[] {
  if (allowed === 'all') return [];
  const out: BlockedHazard[] = [];
  for (const { revision, direction } of work) {
    const found = derived.get(sectionKey(revision, direction));
    revision[direction].forEach((s, i) => {
      const all = [...s.hazards.map((h) => ({ h, derived: false })), ...(found?.[i] ?? []).map((h) => ({ h, derived: true }))];
      for (const { h, derived: d } of all) {
        if (BLOCKING_HAZARDS.has(h.type) && !allowed.has(h.type)) out.push({ revision, direction, step: i + 1, source: s.source, hazard: h, derived: d });
      }
    });
  }
  return out;
}

export function assertNoBlockedHazards(blocked: readonly BlockedHazard[]): void {
  if (blocked.length === 0) return;
  const lines = blocked.map((b) => `  ${b.hazard.type}: revision ${b.revision.id} ${b.direction} step ${b.step} (${b.source})${b.derived ? ' [found in the SQL; the step comment does not declare it]' : ''}: ${b.hazard.message}`);
  const types = [...new Set(blocked.map((b) => b.hazard.type))].join(',');
  throw new FasError('HAZARD', `refusing to run ${blocked.length} hazardous statement(s); nothing was run. Allow them with --allow-hazards ${types}\n${lines.join('\n')}`, {
    refused: true,
  });
}
