// The round-trip rule: apply a migration to a copy of A; pg_dump --schema-only of the result and of B,
// with comment, SET and blank lines removed, must be the same text. Then the check the golden cases,
// the corpus and the fuzzer use: the independent catalog picture (test/support/independent-check.ts,
// pg_catalog and pg_get_*def, no code of src/introspect) of the result equals B's, and fas diff from
// the result to B finds nothing (the re-plan is empty).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './measure.js';
import { createTemporaryDatabase, dbUrl, dropDatabase, normalizedDump } from './pg.js';
import { independentPicture } from '../test/support/independent-check.js';
import type { ScaleSetup } from './databases.js';

export interface RoundTrip {
  pass: boolean;
  detail: string;
}

export async function roundTrip(admin: string, setup: ScaleSetup, label: string, sql: string, outDir: string, fasBin: string): Promise<RoundTrip> {
  const copy = `fas_bench_${setup.n}_${setup.hash}_rt_${process.pid}`;
  const sqlFile = join(outDir, `roundtrip-${label}.sql`);
  writeFileSync(sqlFile, sql);
  await dropDatabase(admin, copy);
  await createTemporaryDatabase(admin, copy, setup.a.name);
  try {
    const url = dbUrl(admin, copy);
    // statement by statement (autocommit), stopping at the first error: fas's plans hold statements
    // that cannot run in a transaction block (CREATE INDEX CONCURRENTLY), as `fas apply` runs them
    const applied = await run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', sqlFile]);
    if (applied.code !== 0) return { pass: false, detail: `applying ${sqlFile} failed: ${applied.stderr.trim().split('\n').slice(0, 5).join(' | ')}` };
    const [got, want] = await Promise.all([normalizedDump(url), normalizedDump(setup.b.url)]);
    if (got === want) return await sameAfterDump(url, setup.b.url, fasBin, `${countStatements(sql)} statements; dumps identical`);
    const gotFile = join(outDir, `roundtrip-${label}.got.sql`);
    const wantFile = join(outDir, `roundtrip-${label}.want.sql`);
    writeFileSync(gotFile, got + '\n');
    writeFileSync(wantFile, want + '\n');
    const d = await run('diff', ['-u', wantFile, gotFile]);
    const lines = d.stdout.split('\n').filter((l) => /^[-+][^-+]/.test(l));
    return { pass: false, detail: `dumps differ in ${lines.length} lines (diff -u ${wantFile} ${gotFile}); first: ${lines.slice(0, 6).join(' | ')}` };
  } finally {
    await dropDatabase(admin, copy);
  }
}

function countStatements(sql: string): number {
  return sql.split('\n').filter((l) => /;\s*$/.test(l) && !l.trimStart().startsWith('--')).length;
}

/** The dumps are the same: the independent picture must be too, and the re-plan empty. */
async function sameAfterDump(got: string, want: string, fasBin: string, detail: string): Promise<RoundTrip> {
  const [a, b] = await Promise.all([independentPicture(got), independentPicture(want)]);
  const [inA, inB] = [new Set(a), new Set(b)]; // 65,000 lines at N=3000: no scan per line
  const missing = b.filter((l) => !inA.has(l));
  const extra = a.filter((l) => !inB.has(l));
  if (missing.length || extra.length) {
    const first = [...missing.slice(0, 3).map((l) => `- ${l}`), ...extra.slice(0, 3).map((l) => `+ ${l}`)];
    return { pass: false, detail: `${detail}, but the independent catalog pictures differ (${missing.length} lines missing, ${extra.length} extra): ${first.join(' | ')}` };
  }
  const replan = await run('node', [fasBin, 'diff', '--from', got, '--to', want, '--format', 'sql']);
  if (replan.code !== 0) return { pass: false, detail: `${detail}, pictures identical, but fas diff from the result to B is not empty (exit ${replan.code}): ${(replan.stdout + replan.stderr).trim().split('\n').slice(0, 4).join(' | ')}` };
  return { pass: true, detail: `${detail}; independent pictures identical (${a.length} lines); re-plan empty` };
}
