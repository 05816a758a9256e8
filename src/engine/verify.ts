/**
 * Verification: replay a plan in a scratch database built from the current
 * state and check that the result equals the desired catalog (and, for a
 * downgrade, that it comes back). A plan that does not verify is refused.
 * Each plan is also replayed on a copy holding sample rows in every table: a
 * column the plan keeps must keep its values (src/engine/verify-rows.ts).
 */
import type { Catalog } from '../catalog/model.js';
import { describe } from '../catalog/identity.js';
import { changeObject } from '../diff/change.js';
import { diffCatalogs } from '../diff/diff.js';
import type { Scope } from '../diff/scope.js';
import { planChanges } from '../plan/planner.js';
import type { Statement } from '../plan/statement.js';
import { createScratchDb } from '../scratch/scratch-db.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { readDatabase } from './read-source.js';
import { replay } from './replay.js';
import type { Rename } from '../diff/renames.js';
import { verifyValuesKept, type Leg } from './verify-rows.js';

async function run(url: string, statements: readonly Statement[], label: string): Promise<void> {
  await withClient(url, { applicationName: 'fas verify' }, (c) =>
    replay(c, statements, (step, s, message) => new FasError('VERIFY', `${label}: statement ${step} (${s.source}) failed in the scratch database: ${message}\n  ${s.sql}`)),
  );
}

function report(label: string, got: Catalog, want: Catalog, scope: Scope): void {
  const left = diffCatalogs(got, want, scope);
  if (left.length)
    throw new FasError(
      'VERIFY',
      `${label} does not reach the expected state; still different:\n` + left.map((c) => `  ${c.op} ${describe(changeObject(c))}`).join('\n'),
    );
}

/**
 * Replays `upgrade` (and `downgrade`, when given) on a scratch copy of `current`
 * built from scratch: diff(empty, current). Throws VERIFY with a report.
 */
export async function verifyPlan(opts: {
  scratchServer: string;
  empty: Catalog;
  current: Catalog;
  desired: Catalog;
  upgrade: readonly Statement[];
  downgrade?: readonly Statement[];
  scope: Scope;
  /** Renames that took effect in the upgrade (and the downgrade). */
  renames?: { readonly upgrade: readonly Rename[]; readonly downgrade?: readonly Rename[] };
}): Promise<string[]> {
  const build = planChanges(opts.empty, opts.current, opts.scope).statements;
  // first with rows: the values every kept column holds must survive the plan
  let warnings: string[] = [];
  const rows = await createScratchDb(opts.scratchServer);
  try {
    await run(rows.url, build, 'building the current state');
    const legs: Leg[] = [{ label: 'the plan', statements: opts.upgrade, renames: opts.renames?.upgrade ?? [], before: opts.current, after: opts.desired }];
    if (opts.downgrade) legs.push({ label: 'the downgrade', statements: opts.downgrade, renames: opts.renames?.downgrade ?? [], before: opts.desired, after: opts.current });
    warnings = await verifyValuesKept(rows.url, legs, opts.scope);
  } finally {
    await rows.drop();
  }
  const db = await createScratchDb(opts.scratchServer);
  try {
    await run(db.url, build, 'building the current state');
    report('the scratch copy of the current state', await readDatabase(db.url), opts.current, opts.scope);
    await run(db.url, opts.upgrade, 'the plan');
    report('the plan', await readDatabase(db.url), opts.desired, opts.scope);
    if (opts.downgrade) {
      await run(db.url, opts.downgrade, 'the downgrade');
      report('the downgrade', await readDatabase(db.url), opts.current, opts.scope);
    }
  } finally {
    await db.drop();
  }
  return warnings;
}

/**
 * Verification on the scratch database that already holds the desired state:
 * the downgrade must bring it to the current catalog, and the upgrade, replayed
 * on that (now current-equal) state, must bring it back to the desired one.
 * No copy of the current state has to be built from nothing.
 */
export async function verifyOnDesiredCopy(opts: {
  url: string;
  current: Catalog;
  desired: Catalog;
  upgrade: readonly Statement[];
  downgrade: readonly Statement[];
  scope: Scope;
  /** Renames that took effect in each direction. */
  renames?: { readonly upgrade: readonly Rename[]; readonly downgrade: readonly Rename[] };
}): Promise<string[]> {
  await run(opts.url, opts.downgrade, 'the downgrade');
  report('the downgrade', await readDatabase(opts.url), opts.current, opts.scope);
  await run(opts.url, opts.upgrade, 'the plan');
  report('the plan', await readDatabase(opts.url), opts.desired, opts.scope);
  // the copy is in the desired state again: with rows in every table, downgrade then upgrade must keep every kept column's values
  return verifyValuesKept(
    opts.url,
    [
      { label: 'the downgrade', statements: opts.downgrade, renames: opts.renames?.downgrade ?? [], before: opts.desired, after: opts.current },
      { label: 'the plan', statements: opts.upgrade, renames: opts.renames?.upgrade ?? [], before: opts.current, after: opts.desired },
    ],
    opts.scope,
  );
}
