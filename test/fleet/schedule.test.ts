/** The wave scheduler: max_parallel and per_host are never exceeded; on_error stop and continue. */
import test from 'ava';
import { runFleet } from '../../src/fleet/schedule.js';
import type { Fleet, FleetTarget, OnError } from '../../src/fleet/targets.js';

function fleet(waves: { name: string; hosts: string[]; maxParallel: number; perHost: number; onError: OnError }[]): Fleet {
  let n = 0;
  return {
    file: 'f.yaml',
    waves: waves.map((w) => ({
      name: w.name,
      maxParallel: w.maxParallel,
      perHost: w.perHost,
      onError: w.onError,
      targets: w.hosts.map((host): FleetTarget => ({ name: `t${++n}`, urlEnv: 'X', url: 'postgresql://x', host, tags: [], wave: w.name, replicas: [] })),
    })),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('max_parallel and per_host bound what runs at once; results keep fleet order', async (t) => {
  const f = fleet([{ name: 'all', hosts: ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'c', 'c', 'd'], maxParallel: 4, perHost: 2, onError: 'continue' }]);
  let running = 0;
  let peak = 0;
  const perHost = new Map<string, number>();
  let hostPeak = 0;
  const out = await runFleet(f, {
    run: async (x) => {
      running++;
      perHost.set(x.host, (perHost.get(x.host) ?? 0) + 1);
      peak = Math.max(peak, running);
      hostPeak = Math.max(hostPeak, perHost.get(x.host)!);
      await sleep(20);
      running--;
      perHost.set(x.host, perHost.get(x.host)! - 1);
      return x.name;
    },
    failed: () => false,
    skipped: (x) => `skipped ${x.name}`,
  });
  t.is(peak, 4);
  t.is(hostPeak, 2);
  t.deepEqual(out, ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10']);
});

test('on_error stop: nothing more starts in the wave, later waves are skipped; continue goes on', async (t) => {
  const f = fleet([
    { name: 'canary', hosts: ['a', 'b', 'c'], maxParallel: 1, perHost: 1, onError: 'stop' },
    { name: 'rest', hosts: ['a', 'b'], maxParallel: 2, perHost: 1, onError: 'continue' },
  ]);
  const out = await runFleet(f, { run: async (x): Promise<string> => (x.name === 't1' ? 'fail' : 'ok'), failed: (r) => r === 'fail', skipped: (x, w, why) => `${x.name} ${w.name}: ${why}` });
  t.deepEqual(out, [
    'fail',
    't2 canary: not started: t1 failed in wave canary (on_error: stop)',
    't3 canary: not started: t1 failed in wave canary (on_error: stop)',
    't4 rest: not started: t1 failed in wave canary (on_error: stop)',
    't5 rest: not started: t1 failed in wave canary (on_error: stop)',
  ]);
  const cont = fleet([{ name: 'all', hosts: ['a', 'b', 'c'], maxParallel: 1, perHost: 1, onError: 'continue' }]);
  t.deepEqual(await runFleet(cont, { run: async (x) => (x.name === 't1' ? 'fail' : 'ok'), failed: (r) => r === 'fail', skipped: () => 'skipped' }), ['fail', 'ok', 'ok']);
});

test('a task that throws becomes a failure, not a hang', async (t) => {
  const f = fleet([{ name: 'all', hosts: ['a', 'b'], maxParallel: 2, perHost: 1, onError: 'continue' }]);
  const out = await runFleet(f, { run: async (x) => { if (x.name === 't1') throw new Error('boom'); return 'ok'; }, failed: (r) => r !== 'ok', skipped: (_x, _w, why) => why });
  t.deepEqual(out, ['internal error: boom', 'ok']);
});
