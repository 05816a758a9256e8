/**
 * Verification with rows: a few rows in every table of the scratch database,
 * then each leg of the plan is replayed and every column it keeps must keep its
 * values (src/engine/values-kept.ts). A step that fails only because of the
 * sample values (a data error, an integrity violation) ends the check with a
 * warning: on tables holding rows like these the same step fails the same way.
 */
import type pg from 'pg';
import type { Catalog } from '../catalog/model.js';
import type { Rename } from '../diff/renames.js';
import { inScope, type Scope } from '../diff/scope.js';
import type { Statement } from '../plan/statement.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { sampleRows } from './sample-rows.js';
import { lostValues, snapshotValues } from './values-kept.js';

export interface Leg {
  readonly label: string;
  readonly statements: readonly Statement[];
  readonly renames: readonly Rename[];
  readonly before: Catalog;
  readonly after: Catalog;
}

/** Runs the statements; a data-dependent failure is returned as a message, any other failure throws. */
async function replayLeg(c: pg.Client, leg: Leg): Promise<string | null> {
  for (const [i, s] of leg.statements.entries()) {
    try {
      await c.query(s.sql);
    } catch (e) {
      const err = e as { code?: string; message: string };
      const msg = `${leg.label}: statement ${i + 1} (${s.source}) fails on the sample rows: ${err.message}`;
      if (err.code?.startsWith('22') || err.code?.startsWith('23')) return msg;
      throw new FasError('VERIFY', `${msg}\n  ${s.sql}`);
    }
  }
  return null;
}

/**
 * Fills the tables (the database is in legs[0].before's state), replays the legs
 * in order and checks the values. Throws VERIFY when a kept column loses values;
 * returns warnings (tables left empty, steps that fail on the sample data).
 */
export async function verifyValuesKept(url: string, legs: readonly Leg[], scope: Scope, rows = 3): Promise<string[]> {
  if (!legs.length) return [];
  const warnings: string[] = [];
  const scoped = (s: string) => inScope(scope, s);
  await withClient(url, { applicationName: 'fas verify' }, async (c) => {
    const sample = await sampleRows(c, legs[0]!.before, rows, scoped);
    for (const s of sample.skipped) warnings.push(`no sample rows for table ${s.table} (${s.reason}); its values are not checked`);
    let before = await snapshotValues(c, legs[0]!.before, scoped);
    for (const leg of legs) {
      const failed = await replayLeg(c, leg);
      if (failed) {
        warnings.push(`${failed}; the values check stops here (on tables holding rows like these, this step fails too)`);
        return;
      }
      const after = await snapshotValues(c, leg.after, scoped);
      const lost = lostValues(before, after, leg.statements, leg.renames);
      if (lost.length) throw new FasError('VERIFY', `${leg.label} loses data without saying so (replayed on sample rows):\n` + lost.map((l) => `  ${l}`).join('\n'));
      before = after;
    }
  });
  return warnings;
}
