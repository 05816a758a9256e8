import test from 'ava';
import { basename } from 'node:path';
import { codeFiles } from '../../src/util/code-fingerprint.js';

// The history cache keys replayed catalogs by the code of the reader (engine/history-cache.ts):
// a change to any builder must change that key, also when the reader loads the builders lazily.
test('the code of the catalog reader includes the builders it loads lazily', (t) => {
  const files = codeFiles(new URL('../../src/introspect/read.js', import.meta.url).href).map((f) => basename(f).replace(/\.ts$/, '.js'));
  for (const f of ['read.js', 'queries.js', 'build-catalog.js', 'build-relations.js', 'build-depends.js', 'build-acl.js']) t.true(files.includes(f), `${f} in ${files.join(', ')}`);
});
