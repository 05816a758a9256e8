/**
 * Run one task per target, wave after wave: at most max_parallel at a time in
 * a wave and at most per_host on one server. After a failure, a wave with
 * on_error: stop starts nothing more, and no later wave starts; with
 * continue, the wave and the later waves go on. Results come back in fleet order.
 */
import type { Fleet, FleetTarget, Wave } from './targets.js';

export interface Schedule<R> {
  /** Never throws: a failure is a result. */
  readonly run: (t: FleetTarget, wave: Wave) => Promise<R>;
  readonly failed: (r: R) => boolean;
  /** The result of a target that was not started, with the reason. */
  readonly skipped: (t: FleetTarget, wave: Wave, reason: string) => R;
  /** Read-only work: a failure never stops anything. */
  readonly ignoreOnError?: boolean;
}

export async function runFleet<R>(fleet: Fleet, s: Schedule<R>): Promise<R[]> {
  const out: R[] = [];
  let stoppedBy: string | undefined;
  for (const wave of fleet.waves) {
    if (stoppedBy !== undefined) {
      out.push(...wave.targets.map((t) => s.skipped(t, wave, stoppedBy!)));
      continue;
    }
    const { results, firstFailure } = await runWave(wave, s);
    out.push(...results);
    if (firstFailure !== undefined && wave.onError === 'stop' && !s.ignoreOnError) stoppedBy = `not started: ${firstFailure} failed in wave ${wave.name} (on_error: stop)`;
  }
  return out;
}

async function runWave<R>(wave: Wave, s: Schedule<R>): Promise<{ results: R[]; firstFailure?: string }> {
  const results: (R | undefined)[] = wave.targets.map(() => undefined);
  const waiting = wave.targets.map((t, i) => ({ t, i }));
  const perHost = new Map<string, number>();
  let running = 0;
  let firstFailure: string | undefined;
  const stopping = () => firstFailure !== undefined && wave.onError === 'stop' && !s.ignoreOnError;

  await new Promise<void>((resolve) => {
    const pump = () => {
      if (stopping()) {
        for (const w of waiting.splice(0)) results[w.i] = s.skipped(w.t, wave, `not started: ${firstFailure} failed in wave ${wave.name} (on_error: stop)`);
      }
      for (let k = 0; k < waiting.length && running < wave.maxParallel; ) {
        const { t, i } = waiting[k]!;
        if ((perHost.get(t.host) ?? 0) >= wave.perHost) {
          k++;
          continue;
        }
        waiting.splice(k, 1);
        running++;
        perHost.set(t.host, (perHost.get(t.host) ?? 0) + 1);
        void Promise.resolve()
          .then(() => s.run(t, wave))
          .then(
            (r) => ({ r, bad: s.failed(r) }),
            (e: unknown) => ({ r: s.skipped(t, wave, `internal error: ${e instanceof Error ? e.message : String(e)}`), bad: true }),
          )
          .then(({ r, bad }) => {
            results[i] = r;
            running--;
            perHost.set(t.host, perHost.get(t.host)! - 1);
            if (bad && firstFailure === undefined) firstFailure = t.name;
            pump();
          });
      }
      if (running === 0 && waiting.length === 0) resolve();
    };
    pump();
  });
  return { results: results as R[], firstFailure };
}
