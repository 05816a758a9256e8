/**
 * A bounded fuzz run inside npm test: a fixed seed, a few pairs of random
 * schemas, both directions, on PostgreSQL 15. The long runs are
 * `npm run fuzz -- --runs N --seed S`.
 */
import test from 'ava';
import { servers } from '../support/servers.js';
import { fuzz } from './run.js';

const RUNS = Number(process.env.FAS_FUZZ_RUNS ?? 3);

test(`fuzz: ${RUNS} random schema pairs (seed 20261130) plan, apply and check both ways`, async (t) => {
  t.timeout(180_000);
  const server = servers()[0]!;
  const r = await fuzz({ runs: RUNS, seed: 20261130, server, write: false, log: (s) => t.log(s) });
  t.log(`${r.passed} passed, ${r.failed} failed`);
  t.is(r.failed, 0, r.problem ?? '');
  t.is(r.passed, RUNS);
});
