/** The save-point and maxmemory rules that the compose and live checks share, on the repository's tiers. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { parseRedisConfig } from '../../src/redis/load-config.js';
import { maxmemoryCheck, saveCheck } from '../../src/redis/persistence-settings.js';
import { showSave } from '../../src/redis/save-points.js';

const config = parseRedisConfig('redis.yaml', readFileSync(new URL('../../redis.yaml', import.meta.url), 'utf8'));
const l1 = config.tiers.find((t) => t.name === 'l1')!;
const aof = { ...l1, persistence: 'aof' as const };
const fix = (v: string) => [`set save ${v}`];
const where = { tier: l1.name, stage: 'live' as const };

test('persistence aof forbids save points: none is ok, any is a finding whose fix clears them', (t) => {
  t.is(saveCheck(aof, [], showSave([]), fix, where).status, 'ok');
  const c = saveCheck(aof, [{ seconds: 3600, changes: 1 }], '3600 1', fix, where);
  t.is(c.status, 'finding');
  t.deepEqual(c.fix, ['set save ""']);
  t.is(saveCheck(aof, undefined, 'unreadable', fix, where).status, 'finding');
});

test("persistence hybrid needs redis.yaml's save points; the live note says why", (t) => {
  const want = l1.save!;
  t.is(saveCheck(l1, want, showSave(want), fix, where).status, 'ok');
  const none = saveCheck(l1, [], showSave([]), fix, where, { note: true });
  t.is(none.status, 'finding');
  t.regex(none.note ?? '', /needs RDB snapshots/);
  t.deepEqual(none.fix, [`set save "${want.map((p) => `${p.seconds} ${p.changes}`).join(' ')}"`]);
  t.false('location' in none);
  t.deepEqual(saveCheck(l1, want, showSave(want), fix, { ...where, location: { file: 'docker-compose.yml', line: 3, column: 5 } }).location, { file: 'docker-compose.yml', line: 3, column: 5 });
});

test('maxmemory: the declared size, and an unreadable value shown as found', (t) => {
  t.is(maxmemoryCheck(l1, l1.maxmemory, String(l1.maxmemory), fix, where).status, 'ok');
  const bad = maxmemoryCheck(l1, undefined, 'lots', fix, where);
  t.is(bad.status, 'finding');
  t.is(bad.actual, 'lots');
});
