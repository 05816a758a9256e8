import test from 'ava';
import { allOrRelease } from '../../src/util/settle.js';

test('allOrRelease: all values when every step succeeds, nothing released', async (t) => {
  const released: number[] = [];
  t.deepEqual(await allOrRelease<[number, number]>([Promise.resolve(1), Promise.resolve(2)], async (v) => void released.push(v)), [1, 2]);
  t.deepEqual(released, []);
});

test('allOrRelease: when one step fails, what the others hold is released before the error goes on', async (t) => {
  const released: string[] = [];
  const late = new Promise<string>((r) => setTimeout(() => r('kept db'), 20));
  await t.throwsAsync(allOrRelease<[string, string]>([Promise.reject(new Error('unreachable')), late], async (v) => void released.push(v)), { message: 'unreachable' });
  t.deepEqual(released, ['kept db']);
});
