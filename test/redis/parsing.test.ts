/** The small parsers the checks rest on: compose commands and ports, save points, sizes, bind lists. */
import test from 'ava';
import { lastFlag, parseServerFlags, shellSplit } from '../../src/redis/compose-command.js';
import { parsePorts } from '../../src/redis/compose-ports.js';
import { parseVolumes } from '../../src/redis/compose-volumes.js';
import { bindsNonLoopback } from '../../src/redis/live-checks.js';
import { parseMemorySize } from '../../src/redis/memory-size.js';
import { parseSaveText, sameSave } from '../../src/redis/save-points.js';

test('redis-server flags from the string and list forms of command', (t) => {
  const s = parseServerFlags('redis-server --appendonly yes --save 900 1 --save "300 10" --requirepass "${X:?x}"');
  t.is(lastFlag(s, 'appendonly'), 'yes');
  t.deepEqual(s.get('save'), ['900 1', '300 10']);
  t.is(lastFlag(s, 'requirepass'), '${X:?x}');
  const l = parseServerFlags(['redis-server', '--save', '', '--port', 6380]);
  t.deepEqual(l.get('save'), ['']);
  t.is(lastFlag(l, 'port'), '6380');
  t.deepEqual(shellSplit(`a 'b c' "d\\"e" f\\ g`), ['a', 'b c', 'd"e', 'f g']);
});

test('compose ports in short and long syntax', (t) => {
  t.deepEqual(parsePorts(['6380:6380', '127.0.0.1:6381:6379/tcp', '6379', { target: 6379, published: '6382' }]), [
    { target: 6380, published: 6380, hostIp: undefined },
    { target: 6379, published: 6381, hostIp: '127.0.0.1' },
    { target: 6379 },
    { target: 6379, published: 6382, hostIp: undefined },
  ]);
});

test('compose volumes: named, bind, anonymous, long syntax', (t) => {
  t.deepEqual(parseVolumes(['data:/data', './d:/data', '/data', { type: 'volume', source: 'v', target: '/data' }]), [
    { source: 'data', target: '/data', named: true },
    { source: './d', target: '/data', named: false },
    { target: '/data', named: false },
    { source: 'v', target: '/data', named: true },
  ]);
});

test('save points, memory sizes and bind lists', (t) => {
  t.deepEqual(parseSaveText('3600 1 300 100'), [{ seconds: 3600, changes: 1 }, { seconds: 300, changes: 100 }]);
  t.deepEqual(parseSaveText(''), []);
  t.is(parseSaveText('3600'), undefined);
  t.true(sameSave(parseSaveText('1 2 3 4')!, parseSaveText('3 4 1 2')!));
  t.is(parseMemorySize('512mb'), 512 * 1024 * 1024);
  t.is(parseMemorySize('1g'), 1e9);
  t.is(parseMemorySize(0), 0);
  t.is(parseMemorySize('lots'), undefined);
  t.false(bindsNonLoopback('127.0.0.1 -::1'));
  t.true(bindsNonLoopback('* -::*'));
  t.true(bindsNonLoopback('10.0.0.5'));
  t.true(bindsNonLoopback(''));
});
