/**
 * The settings whose rule is the same wherever they are read (compose flags or
 * a live server's CONFIG GET): the save points a tier's persistence demands,
 * and maxmemory. Each caller brings what it found and how to fix it there.
 */
import type { SourceLocation } from '../util/errors.js';
import { compare, type Check } from './check.js';
import { formatMemorySize } from './memory-size.js';
import { PERSISTENCE_RULES } from './rules.js';
import { formatSave, sameSave, showSave } from './save-points.js';
import type { SavePoint, TierSpec } from './tier.js';

export interface Where {
  readonly tier: TierSpec['name'];
  readonly stage: Check['stage'];
  readonly location?: SourceLocation;
}

/** What a server is told: the value to set -> the fix lines. */
export type SettingFix = (value: string) => readonly string[];

/** Save points when the persistence needs RDB snapshots (those of redis.yaml, or any), none otherwise. */
export function saveCheck(t: TierSpec, found: readonly SavePoint[] | undefined, shown: string, fix: SettingFix, where: Where, opts: { note?: boolean } = {}): Check {
  const { location, ...base } = where;
  const at = location ? { location } : {};
  if (PERSISTENCE_RULES[t.persistence].rdb !== 'required')
    return compare({ ...base, setting: 'save', expected: showSave([]), actual: shown, same: found !== undefined && found.length === 0, fix: fix('""'), ...at });
  const want = t.save && t.save.length > 0 ? t.save : undefined;
  return compare({
    ...base,
    setting: 'save',
    expected: want ? showSave(want) : 'at least one save point',
    actual: shown,
    same: found !== undefined && found.length > 0 && (!want || sameSave(want, found)),
    ...(opts.note ? { note: `persistence ${t.persistence} needs RDB snapshots` } : {}),
    fix: fix(`"${formatSave(want ?? [{ seconds: 3600, changes: 1 }, { seconds: 300, changes: 100 }])}"`),
    ...at,
  });
}

/** maxmemory as redis.yaml sets it; `found` undefined when the server's value is unreadable (shown as `raw`). */
export function maxmemoryCheck(t: TierSpec, found: number | undefined, raw: string, fix: SettingFix, where: Where): Check {
  const { location, ...base } = where;
  return compare({
    ...base,
    setting: 'maxmemory',
    expected: formatMemorySize(t.maxmemory),
    actual: found === undefined ? raw : formatMemorySize(found),
    same: found === t.maxmemory,
    fix: fix(t.maxmemory === 0 ? '0' : formatMemorySize(t.maxmemory)),
    ...(location ? { location } : {}),
  });
}
