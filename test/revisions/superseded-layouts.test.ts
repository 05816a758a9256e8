/**
 * a125ac7b2db7 was laid out again for reading (same statements, new bytes): a
 * database that applied the earlier file must not see it as changed, while a
 * real edit of the new file still is one.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chainStatus } from '../../src/apply/status.js';
import type { DbState } from '../../src/apply/history-store.js';
import { contentFingerprint } from '../../src/revisions/content-fingerprint.js';
import { parseRevisionFile } from '../../src/revisions/parse.js';
import { SUPERSEDED_LAYOUTS, checksumMatches } from '../../src/revisions/superseded-layouts.js';
import type { RevisionFile } from '../../src/revisions/types.js';

const OLD = fileURLToPath(new URL('./fixtures/a125ac7b2db7-format-1.sql', import.meta.url));
const NEW = fileURLToPath(new URL('../../generated-migrations/a125ac7b2db7_initial_schema.sql', import.meta.url));

async function read(path: string): Promise<RevisionFile> {
  return parseRevisionFile(path, await readFile(path, 'utf8'));
}

function appliedWith(rev: RevisionFile, checksum: string): DbState {
  return {
    tracked: true,
    applied: new Map([[rev.id, { revision: rev.id, parent: rev.parent, message: rev.message, checksum, appliedAt: '2026-11-25T20:01:38Z', durationMs: 1, appliedBy: 'test' }]]),
    alembicVersion: [rev.id],
    finishedSteps: new Map(),
  };
}

test('every superseded layout entry is the earlier file of the same content', async (t) => {
  const [before, now] = await Promise.all([read(OLD), read(NEW)]);
  t.not(before.actualChecksum, now.actualChecksum, 'the two files differ in bytes');
  const [entry] = SUPERSEDED_LAYOUTS[now.id] ?? [];
  t.truthy(entry);
  t.is(entry!.checksum, before.actualChecksum);
  t.is(entry!.content, contentFingerprint(before));
  t.is(contentFingerprint(now), contentFingerprint(before));
});

test('a database that applied the earlier layout sees the revision unchanged', async (t) => {
  const [before, now] = await Promise.all([read(OLD), read(NEW)]);
  const st = chainStatus({ revisions: [now], head: now.id }, appliedWith(now, before.actualChecksum));
  t.deepEqual(st.changed, []);
  t.true(checksumMatches(before.actualChecksum, now));
});

test('an edit of the re-laid-out file is still a change', async (t) => {
  const [before, now] = await Promise.all([read(OLD), read(NEW)]);
  const edited: RevisionFile = {
    ...now,
    actualChecksum: 'sha256:edited',
    upgrade: [...now.upgrade, { ...now.upgrade[0]!, sql: 'TRUNCATE outcomes.predictions' }],
  };
  t.false(checksumMatches(before.actualChecksum, edited));
  const st = chainStatus({ revisions: [edited], head: edited.id }, appliedWith(edited, before.actualChecksum));
  t.is(st.changed.length, 1);
  t.false(checksumMatches('sha256:something-else', now));
});
