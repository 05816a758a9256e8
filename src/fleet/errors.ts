/** One line of an error for a fleet table: the code and the first line of the message, masked. */
import { FasError } from '../util/errors.js';
import { maskText } from '../util/mask.js';

export function firstLine(e: unknown): string {
  const text = e instanceof FasError ? `[${e.code}] ${e.message}` : e instanceof Error ? e.message : String(e);
  return maskText(text.split('\n')[0]!.trim());
}

/** Whether an error means the server could not be reached (as opposed to a refusal or a failure on it). */
export function isUnreachable(e: unknown): boolean {
  return e instanceof FasError && e.code === 'CONNECT';
}
