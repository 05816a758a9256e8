/**
 * A query on a hot standby cancelled by replay (SQLSTATE 40001, "conflict with
 * recovery") is retried; other errors are not. (Provoking a real conflict needs
 * a vacuum racing a standby query; the replica test covers the live reads.)
 */
import test from 'ava';
import { lsnBytes, retryOnReplayConflict } from '../../src/fleet/read-target.js';

function conflict(): Error {
  return Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' });
}

test('replay conflicts are retried, other errors are not', async (t) => {
  let calls = 0;
  t.is(await retryOnReplayConflict(async () => (++calls < 3 ? Promise.reject(conflict()) : 'ok')), 'ok');
  t.is(calls, 3);
  calls = 0;
  await t.throwsAsync(retryOnReplayConflict(async () => { calls++; throw Object.assign(new Error('could not serialize access'), { code: '40001' }); }), { message: /serialize/ });
  t.is(calls, 1, 'a serialization failure on a primary is not a replay conflict');
  calls = 0;
  await t.throwsAsync(retryOnReplayConflict(async () => { calls++; throw conflict(); }, 4), { message: /conflict with recovery/ });
  t.is(calls, 4, 'gives up after the attempts');
});

test('LSNs compare as 64-bit positions', (t) => {
  t.is(lsnBytes('0/16B3748') , 0x16b3748n);
  t.is(lsnBytes('1/0') - lsnBytes('0/FFFFFFFF'), 1n);
});
