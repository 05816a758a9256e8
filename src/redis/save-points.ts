/** RDB save points as redis.yaml, compose flags and CONFIG GET save spell them. */
import type { SavePoint } from './tier.js';

/** "3600 1 300 100" -> [{3600,1},{300,100}]; "" -> []; undefined when the text is not pairs of integers. */
export function parseSaveText(text: string): SavePoint[] | undefined {
  const parts = text.trim().split(/\s+/).filter((p) => p !== '' && p !== '""' && p !== "''");
  if (parts.length % 2 !== 0 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
  const out: SavePoint[] = [];
  for (let i = 0; i < parts.length; i += 2) out.push({ seconds: Number(parts[i]), changes: Number(parts[i + 1]) });
  return out;
}

/** The CONFIG GET spelling: "3600 1 300 100", or "" for none. */
export function formatSave(points: readonly SavePoint[]): string {
  return points.map((p) => `${p.seconds} ${p.changes}`).join(' ');
}

/** Display form for reports: quoted so that "none" is visible. */
export function showSave(points: readonly SavePoint[]): string {
  return points.length === 0 ? '"" (no save points)' : `"${formatSave(points)}"`;
}

export function sameSave(a: readonly SavePoint[], b: readonly SavePoint[]): boolean {
  const key = (ps: readonly SavePoint[]) => [...ps].map((p) => `${p.seconds}:${p.changes}`).sort().join(',');
  return key(a) === key(b);
}
