import test from 'ava';
import { databaseName, endpoint, maskConnectionString, parseConnectionString, withDatabase } from '../../src/util/conninfo.js';
import { withClient } from '../../src/util/db.js';
import { FasError } from '../../src/util/errors.js';
import { maskText, maskUrl } from '../../src/util/mask.js';

test('URIs as libpq reads them: sockets in host=, IPv6, encoded passwords', (t) => {
  const s = parseConnectionString('postgresql://u@/db?host=/var/run/postgresql');
  t.like(s, { host: '/var/run/postgresql', user: 'u', database: 'db' });
  t.like(parseConnectionString('postgres://u:p%40ss@[::1]:6543/x?sslmode=disable'), { host: '::1', port: '6543', password: 'p@ss', database: 'x', params: { sslmode: 'disable' } });
  t.is(endpoint('postgres://u:p@[::1]:6543/x'), '[::1]:6543');
  t.is(withDatabase('postgresql://u:p%2Fq@/db?host=/tmp/sock', 'other'), 'postgresql://u:p%2Fq@/other?host=%2Ftmp%2Fsock');
  t.is(databaseName(withDatabase('postgresql://u@/db?host=/tmp', 'fas_scratch_1')), 'fas_scratch_1');
});

test('key=value strings: quoting, escapes, spaces around =', (t) => {
  t.like(parseConnectionString("host=127.0.0.1 dbname=x user=postgres"), { host: '127.0.0.1', database: 'x', user: 'postgres' });
  t.like(parseConnectionString("host = 'h' password='it\\'s a secret' port=5433"), { host: 'h', password: "it's a secret", port: '5433' });
  t.is(withDatabase('host=127.0.0.1 dbname=x user=postgres password=s3', 'y'), 'postgresql://postgres:s3@127.0.0.1/y');
});

const bad: [string, string][] = [
  ['postgresql://u:p@ss:w/rd@127.0.0.1:5432/x', 'postgresql://****@127.0.0.1:5432/x'],
  ['postgresql://u:hunter2@[::1/x', 'postgresql://****@[::1/x'],
  ['postgresql://u:hunter2@h:notaport/x', 'postgresql://****@h:notaport/x'],
  ["host=h password='hunter2", 'host=h password=****'],
  ['host=h passwd=hunter2', 'host=h passwd=****'],
];

test('unparseable strings are CONFIG errors that print the string masked up to the last @', (t) => {
  for (const [input, shown] of bad) {
    const e = t.throws(() => parseConnectionString(input), { instanceOf: FasError }) as FasError;
    t.is(e.code, 'CONFIG');
    t.true(e.message.endsWith(shown), `${e.message} should end with ${shown}`);
    t.false(/hunter2|p@ss|w\/rd/.test(e.message), e.message);
  }
});

test('masking: URLs up to the last @, password= parameters, Redis', (t) => {
  t.is(maskConnectionString('postgresql://u:p%40ss@h/db'), 'postgresql://u:****@h/db');
  t.is(maskConnectionString('host=h user=u password=secret'), 'postgresql://u:****@h/');
  t.is(maskText('at postgresql://u:p@ss:w/rd@127.0.0.1:5432/x: boom'), 'at postgresql://****@127.0.0.1:5432/x: boom');
  t.is(maskText('redis://:s3cret@127.0.0.1:6380 down'), 'redis://:****@127.0.0.1:6380 down');
  t.is(maskText('postgres://h/db?sslmode=require&password=s3cret&x=1'), 'postgres://h/db?sslmode=require&password=****&x=1');
  t.is(maskUrl('redis://u:p@ss@127.0.0.1:6379/0'), 'redis://u:****@127.0.0.1:6379/0');
  t.is(maskUrl('redis://u:p@ss:w/rd@127.0.0.1:6379'), 'redis://****@127.0.0.1:6379');
});

test('both libpq forms work as a connection: socket URI and key=value', async (t) => {
  for (const url of ['postgresql://postgres@/postgres?host=/var/run/postgresql', 'host=127.0.0.1 dbname=postgres user=postgres']) {
    const r = await withClient(url, {}, (c) => c.query<{ one: number }>('SELECT 1 AS one'));
    t.is(r.rows[0]!.one, 1, url);
  }
});
