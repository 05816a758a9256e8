import test from 'ava';
import { locatedMessage } from '../../src/cli/error-location.js';

test('a file:line:col location is printed once, relative to the working directory', (t) => {
  const loc = { file: '/p/schema/app/x.sql', line: 2, column: 1 };
  t.is(locatedMessage('/p/schema/app/x.sql:2:1: DO is not allowed', loc, '/p'), 'schema/app/x.sql:2:1: DO is not allowed');
  t.is(locatedMessage('planning view app.v: /p/schema/app/x.sql:2:1: boom', loc, '/p'), 'schema/app/x.sql:2:1: planning view app.v: boom');
  t.is(locatedMessage('defined twice: at /p/schema/a.sql:1 and at /p/schema/b.sql:1', { file: '/p/schema/b.sql', line: 1, column: 1 }, '/p'), 'schema/b.sql:1:1: defined twice: at schema/a.sql:1 and at schema/b.sql:1');
});

test('a bare file name is left alone inside a sentence; paths outside the working directory stay absolute', (t) => {
  t.is(locatedMessage('cannot read redis config redis.yaml: file not found', { file: 'redis.yaml' }, '/p'), 'redis.yaml: cannot read redis config redis.yaml: file not found');
  t.is(locatedMessage('/elsewhere/x.sql:1:1: bad', { file: '/elsewhere/x.sql', line: 1, column: 1 }, '/p'), '/elsewhere/x.sql:1:1: bad');
});
