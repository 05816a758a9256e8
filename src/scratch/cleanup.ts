/**
 * Cleanup on every exit path: normal return, error, SIGINT, SIGTERM. Commands
 * register async cleanups (drop a scratch database, stop the embedded server);
 * runCleanups runs them once, newest first.
 */
type Cleanup = () => Promise<void>;

const cleanups: Cleanup[] = [];
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      void runCleanups().finally(() => {
        // re-raise so the exit status says what happened
        process.kill(process.pid, sig);
      });
    });
  }
}

export function onCleanup(fn: Cleanup): () => void {
  install();
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
