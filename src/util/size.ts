/**
 * Sizes given on the command line or in the environment: "0", "8192",
 * "500kB", "8MB", "1.5GB", "2TB" (units of 1024, as PostgreSQL prints them;
 * case-insensitive, an optional space, "B" alone means bytes).
 */
import { FasError } from './errors.js';

const UNITS: Record<string, number> = { b: 1, '': 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** Bytes of a size text; `what` names the flag or variable in the error. */
export function parseSize(text: string, what: string): number {
  const t = text.trim();
  let i = 0;
  while (i < t.length && ((t[i]! >= '0' && t[i]! <= '9') || t[i] === '.')) i++;
  const number = t.slice(0, i);
  const unit = t.slice(i).trim().toLowerCase();
  const value = Number(number);
  if (number === '' || !Number.isFinite(value) || !(unit in UNITS))
    throw new FasError('CONFIG', `${what}: ${JSON.stringify(text)} is not a size (examples: 0, 500kB, 8MB, 2GB)`);
  return Math.round(value * UNITS[unit]!);
}
