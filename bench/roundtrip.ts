// The round-trip rule: apply a migration to a copy of A; pg_dump --schema-only of the result and of B,
// with comment, SET and blank lines removed, must be the same text.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './measure.js';
import { createTemporaryDatabase, dbUrl, dropDatabase, normalizedDump } from './pg.js';
import type { ScaleSetup } from './databases.js';

export interface RoundTrip {
  pass: boolean;
  detail: string;
}

export async function roundTrip(admin: string, setup: ScaleSetup, label: string, sql: string, outDir: string): Promise<RoundTrip> {
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
    if (got === want) return { pass: true, detail: `${countStatements(sql)} statements; dumps identical` };
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
