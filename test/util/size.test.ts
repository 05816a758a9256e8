import test from 'ava';
import { parseSize } from '../../src/util/size.js';

test('sizes: bytes and units of 1024, case-insensitive; anything else is a CONFIG error naming the flag', (t) => {
  t.is(parseSize('0', '--x'), 0);
  t.is(parseSize('8192', '--x'), 8192);
  t.is(parseSize('500kB', '--x'), 500 * 1024);
  t.is(parseSize('8 MB', '--x'), 8 * 1024 * 1024);
  t.is(parseSize('1.5gb', '--x'), 1.5 * 1024 ** 3);
  t.is(parseSize('2TB', '--x'), 2 * 1024 ** 4);
  for (const bad of ['', 'MB', '-1', '8 XB', '1e3', '8MBB']) {
    const e = t.throws(() => parseSize(bad, '--online-threshold'));
    t.regex(e!.message, /--online-threshold: .* is not a size/);
    t.is((e as { code?: string }).code, 'CONFIG');
  }
});
