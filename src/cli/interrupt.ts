/**
 * Ctrl-C and SIGTERM while a command runs: main() stops waiting for the
 * command, says "interrupted", lets the cleanups drop scratch databases and
 * stop the embedded server, and exits 130 / 143. Whatever the command throws
 * afterwards (a connection cut by DROP DATABASE ... FORCE, a server shutting
 * down) is a consequence of the interruption, never reported as an error.
 */
export type Interrupt = 'SIGINT' | 'SIGTERM';

export const INTERRUPT_EXIT: Record<Interrupt, number> = { SIGINT: 130, SIGTERM: 143 };

export interface InterruptWatch {
  /** Resolves with the first signal received. */
  readonly signalled: Promise<Interrupt>;
  /** The signal received so far, if any. */
  received(): Interrupt | undefined;
  dispose(): void;
}

export function watchInterrupts(): InterruptWatch {
  let got: Interrupt | undefined;
  let resolve!: (s: Interrupt) => void;
  const signalled = new Promise<Interrupt>((r) => (resolve = r));
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((sig) => {
    const h = () => {
      got ??= sig;
      resolve(got);
    };
    process.on(sig, h);
    return [sig, h] as const;
  });
  return {
    signalled,
    received: () => got,
    dispose: () => {
      for (const [sig, h] of handlers) process.removeListener(sig, h);
    },
  };
}
