/**
 * Servers that fas itself started (the project's embedded PostgreSQL, the
 * throwaway servers of other majors). On those, schema files are loaded by a
 * role without superuser (src/scratch/loader-role.ts); on a server the user
 * gave (--dev-url, the target's own server) loading runs as the given role.
 */
import { parseConnectionString } from '../util/conninfo.js';

const controlled = new Set<string>();

/** host:port of a connection string: the server, whatever database or user it names. */
function serverKey(url: string): string {
  const c = parseConnectionString(url);
  return `${c.host ?? 'localhost'}:${c.port ?? '5432'}`;
}

/** Record that fas started and controls the server of this URL (a superuser's URL). */
export function markControlled(url: string): void {
  controlled.add(serverKey(url));
}

export function forgetControlled(url: string): void {
  controlled.delete(serverKey(url));
}

export function isControlled(url: string): boolean {
  try {
    return controlled.has(serverKey(url));
  } catch {
    return false;
  }
}
