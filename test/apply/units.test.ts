/** The pure parts: downgrade targets, --allow-hazards, chain status, planning. No database. */
import test from 'ava';
import { hazard } from '../../src/plan/hazards.js';
import type { RevisionChain, RevisionFile } from '../../src/revisions/types.js';
import type { AppliedRevision, DbState } from '../../src/apply/history-store.js';
import { parseDowngradeTarget, planDowngrade, planUpgrade } from '../../src/apply/executor.js';
import { type HazardAllowList, blockedHazards, hazardRules, parseAllowHazards } from '../../src/apply/hazard-gate.js';
import { assertConsistent, chainStatus } from '../../src/apply/status.js';
import { FasError } from '../../src/util/errors.js';
import { rev, stmt } from './helpers.js';

const ids = ['aaaaaaaaaaaa', 'bbbbbbbbbbbb', 'cccccccccccc'];
const files: RevisionFile[] = ids.map((id, i) => ({
  ...rev(id, i === 0 ? null : ids[i - 1]!, `rev ${i}`, [stmt(`CREATE TABLE public.t${i} (id integer)`)], [stmt(`DROP TABLE public.t${i}`, { hazards: [hazard.dropsTable(`public.t${i}`)] })]),
  path: `/m/${id}.sql`,
  checksum: `sha256:${i}`,
  actualChecksum: `sha256:${i}`,
}));
const chain: RevisionChain = { revisions: files, head: ids[2]! };

function db(applied: string[], extra: Partial<DbState> = {}): DbState {
  const m = new Map<string, AppliedRevision>();
  for (const id of applied) {
    const f = files.find((x) => x.id === id);
    m.set(id, { revision: id, parent: f?.parent ?? null, message: f?.message ?? 'gone', checksum: f?.actualChecksum ?? 'sha256:x', appliedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, appliedBy: 'postgres' });
  }
  const last = applied.length ? [applied[applied.length - 1]!] : [];
  return { tracked: applied.length > 0, applied: m, alembicVersion: applied.length ? last : undefined, finishedSteps: new Map(), ...extra };
}

test('downgrade targets', (t) => {
  t.deepEqual(parseDowngradeTarget('-1'), { kind: 'steps', n: 1 });
  t.deepEqual(parseDowngradeTarget('-12'), { kind: 'steps', n: 12 });
  t.deepEqual(parseDowngradeTarget('base'), { kind: 'base' });
  t.deepEqual(parseDowngradeTarget('aaaa'), { kind: 'revision', ref: 'aaaa' });
  t.throws(() => parseDowngradeTarget(undefined), { instanceOf: FasError });
  t.throws(() => parseDowngradeTarget('-0'), { instanceOf: FasError });
});

test('--allow-hazards', (t) => {
  t.is(parseAllowHazards(['all']), 'all');
  t.deepEqual([...(parseAllowHazards(['deletes_data,NARROWS_TYPE', 'REWRITES_TABLE']) as Set<string>)], ['DELETES_DATA', 'NARROWS_TYPE', 'REWRITES_TABLE']);
  t.throws(() => parseAllowHazards(['DROPS']), { message: /unknown hazard type DROPS/ });
  const work = [{ revision: files[0]!, direction: 'downgrade' as const }];
  const policy = (allow: HazardAllowList) => ({ ...hazardRules(allow), sizes: new Map(), locked: new Set<string>() });
  t.is(blockedHazards(work, policy(new Set())).length, 1);
  t.is(blockedHazards(work, policy(new Set(['DELETES_DATA']))).length, 0);
  t.is(blockedHazards(work, policy('all')).length, 0);
  const informational = [{ revision: { ...files[0]!, upgrade: [stmt('CREATE INDEX CONCURRENTLY i ON t (a)', { transactional: false, hazards: [hazard.notTransactional('CREATE INDEX CONCURRENTLY')] })] }, direction: 'upgrade' as const }];
  t.is(blockedHazards(informational, policy(new Set())).length, 0, 'informational hazards never block');
});

test('status and planning', (t) => {
  const st = chainStatus(chain, db([ids[0]!]));
  t.is(st.current, ids[0]);
  t.deepEqual(st.pending.map((r) => r.id), [ids[1], ids[2]]);
  t.deepEqual(planUpgrade(st, undefined).map((w) => w.revision.id), [ids[1], ids[2]]);
  t.deepEqual(planUpgrade(st, 'bbbb').map((w) => [w.revision.id, w.newHead]), [[ids[1], ids[1]]]);
  t.deepEqual(planUpgrade(st, ids[0]), [], 'an applied --to is nothing to do');
  t.throws(() => planUpgrade(st, 'dddddddddddd'), { message: /--to dddddddddddd: no such revision/ });

  const all = chainStatus(chain, db(ids));
  t.deepEqual(planDowngrade(all, { kind: 'steps', n: 2 }).map((w) => [w.revision.id, w.newHead]), [
    [ids[2], ids[1]],
    [ids[1], ids[0]],
  ]);
  t.deepEqual(planDowngrade(all, { kind: 'base' }).map((w) => w.newHead), [ids[1], ids[0], null]);
  t.deepEqual(planDowngrade(all, { kind: 'revision', ref: ids[0]! }).map((w) => w.revision.id), [ids[2], ids[1]]);
  t.throws(() => planDowngrade(st, { kind: 'steps', n: 2 }), { message: /only 1 revision/ });
  t.throws(() => planDowngrade(st, { kind: 'revision', ref: ids[2]! }), { message: /is not applied/ });
});

test('inconsistent histories are refused', (t) => {
  t.notThrows(() => assertConsistent(chainStatus(chain, db([ids[0]!, ids[1]!]))));
  const gap = chainStatus(chain, db([ids[0]!, ids[2]!]));
  t.throws(() => assertConsistent(gap), { message: /bbbbbbbbbbbb .* is not applied although its descendant cccccccccccc is/ });
  const unknown = chainStatus(chain, db([ids[0]!, 'dddddddddddd']));
  t.throws(() => assertConsistent(unknown), { message: /no file in the revision directory knows: dddddddddddd/ });
  const alembic = chainStatus(chain, db([ids[0]!], { alembicVersion: [ids[2]!] }));
  t.throws(() => assertConsistent(alembic), { message: /alembic_version holds cccccccccccc but fas history says aaaaaaaaaaaa/ });
  const foreign = chainStatus(chain, { tracked: false, applied: new Map(), alembicVersion: ['a125ac7b2db7'], finishedSteps: new Map() });
  t.throws(() => assertConsistent(foreign), { message: /fas has no history in this database/ });
  const changed = chainStatus({ revisions: [{ ...files[0]!, actualChecksum: 'sha256:edited' }], head: ids[0]! }, db([ids[0]!]));
  t.deepEqual(changed.changed.map((s) => s.revision.id), [ids[0]]);
});
