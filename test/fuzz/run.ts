/**
 * npm run fuzz [-- --runs N --seed S]: random schema pairs (test/fuzz/generate.ts),
 * planned both ways and checked (test/fuzz/property.ts) on the machine's
 * PostgreSQL 15, or FAS_FUZZ_URL. A failure shrinks to a small pair, which is
 * written as a golden case folder test/cases/fuzz-<seed>-<n>/. Ends with the
 * line "N passed, F failed". --progress K logs a line every K pairs (default 25, 0: none).
 * --from K resumes a run: pairs 1..K-1 are drawn (so pair K is the same pair
 * as in a whole run) but not checked, and are not counted as passed.
 */
import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { schemaSpec, schemaSql } from './generate.js';
import { checkPair } from './property.js';
import type { TestServer } from '../support/servers.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function fuzz(opts: {
  runs: number;
  seed: number;
  server: TestServer;
  write: boolean;
  log?: (s: string) => void;
  /** Log a progress line every this many pairs (0: never). */
  progressEvery?: number;
  /** The first pair checked (1-based); earlier pairs are drawn, not checked, not counted. */
  from?: number;
}): Promise<{ passed: number; failed: number; skipped: number; problem: string | null }> {
  const skipped = Math.max(0, Math.min(opts.runs, (opts.from ?? 1) - 1));
  let ran = 0;
  let lastProblem: string | null = null;
  const started = Date.now();
  const prop = fc.asyncProperty(schemaSpec, schemaSpec, async (x, y) => {
    ran++;
    if (ran <= skipped) return true; // before --from: drawn, not checked (a failure can only come later, so ran counts runs here)
    if (opts.progressEvery && ran % opts.progressEvery === 0) opts.log?.(`fuzz: ${ran} pairs checked (shrinking included) in ${Math.round((Date.now() - started) / 1000)} s`);
    const problem = await checkPair(opts.server, schemaSql(x), schemaSql(y));
    if (problem) lastProblem = problem;
    return problem === null;
  });
  const result = await fc.check(prop, { numRuns: opts.runs, seed: opts.seed, endOnFailure: false, interruptAfterTimeLimit: undefined });
  if (!result.failed) return { passed: result.numRuns - skipped, failed: 0, skipped, problem: null };
  const [x, y] = result.counterexample!;
  const a = schemaSql(x);
  const b = schemaSql(y);
  const problem = await checkPair(opts.server, a, b);
  if (opts.write) {
    // test/cases of the repository, whether this runs from test/fuzz (tsx) or dist/test/fuzz
    const root = import.meta.dirname.includes(`${sep}dist${sep}`) ? join(import.meta.dirname, '..', '..', '..') : join(import.meta.dirname, '..', '..');
    const dir = join(root, 'test', 'cases', `fuzz-${opts.seed}-${result.numRuns}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.sql'), a + '\n');
    writeFileSync(join(dir, 'b.sql'), b + '\n');
    opts.log?.(`shrunk failing pair written to ${dir}`);
  }
  opts.log?.(`failure (after ${result.numShrinks} shrinks): ${problem ?? lastProblem}`);
  return { passed: result.numRuns - 1 - skipped, failed: 1, skipped, problem: problem ?? lastProblem };
}

if (/fuzz[\/]run.[jt]s$/.test(process.argv[1] ?? '')) {
  const runs = option('runs', 100);
  const seed = option('seed', Date.now() % 2 ** 31);
  const adminUrl = process.env.FAS_FUZZ_URL ?? process.env.FAS_TEST_PG15_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  console.error(`fuzz: ${runs} runs, seed ${seed}, server ${adminUrl.replace(/:[^:@/]*@/, ':***@')}`);
  const r = await fuzz({ runs, seed, server: { label: 'pg15', adminUrl }, write: true, log: (s) => console.error(s), progressEvery: option('progress', 25), from: option('from', 1) });
  if (r.skipped) console.error(`fuzz: pairs 1-${r.skipped} skipped (--from), not checked`);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed ? 1 : 0;
}
