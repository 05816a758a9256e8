/**
 * Golden cases: test/cases/<name>/{a.sql,b.sql}. For each case, each direction
 * and each server: load a into A and b into B, plan A -> B, apply the plan to A,
 * then A must equal B (pg_dump on 15; fas's catalog plus an independent
 * pg_get_*def picture on 18), and a second plan must be empty. The generated
 * SQL is kept as an ava snapshot on 15 and 18. Update mode: FAS_TEST_VERSIONS=1
 * node dist/test/support/run-tests.js test/engine/golden.test.ts -u (not npx ava
 * -u, which has no embedded 18, nor with FAS_CASES: ava rewrites the whole
 * snapshot file and drops what did not run). FAS_CASES=a,b filters.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createDb, runSql, versionServers } from '../support/servers.js';
import { independentPicture } from '../support/independent-check.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import { renderSql } from '../../src/report/render-plan.js';
import { withClient } from '../../src/util/db.js';
import { limit } from '../support/limit.js';
import { roundTrip } from '../support/round-trip.js';
import { applyStatements } from '../support/apply-plan.js';

const CASES = join(import.meta.dirname, '..', 'cases');
const filter = process.env.FAS_CASES?.split(',').filter(Boolean);
const names = readdirSync(CASES)
  .filter((n) => !filter || filter.includes(n))
  .sort();
const gate = limit(2);

function pgDump(url: string): string {
  const out = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', url], { encoding: 'utf8' });
  const lines = out
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('--') && !l.startsWith('SET ') && !l.startsWith('SELECT pg_catalog.set_config') && !l.startsWith('\\'));
  return tableColumnsSorted(lines).join('\n');
}

/** A table's column order is not compared (fas appends new columns, never rewrites a table for order): sort the lines of each CREATE TABLE. */
function tableColumnsSorted(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]!);
    if (!/^CREATE (UNLOGGED )?TABLE .*\($/.test(lines[i]!)) continue;
    const body: string[] = [];
    while (i + 1 < lines.length && !lines[i + 1]!.startsWith(')')) body.push(lines[++i]!.replace(/,$/, ''));
    out.push(...body.sort());
  }
  return out;
}

/**
 * On 16 and 17 a subset keeps CI within its time budget: the hard cases and
 * those whose printed definitions vary between major versions (views,
 * functions, partitions, policies). FAS_GOLDEN_ALL_VERSIONS=1 runs every case.
 */
const onEveryVersion = (name: string) => process.env.FAS_GOLDEN_ALL_VERSIONS === '1' || /^hard-|view|function|partition|rls|check|default-privileges|grants/.test(name);

for (const server of versionServers())
  for (const name of names.filter((n) => server.label === 'pg15' || server.label === 'pg18' || onEveryVersion(n)))
    for (const direction of ['up', 'down'] as const) {
      test(`${server.label} ${name} ${direction}`, (t) =>
        gate(async () => {
          const a = readFileSync(join(CASES, name, direction === 'up' ? 'a.sql' : 'b.sql'), 'utf8');
          const b = readFileSync(join(CASES, name, direction === 'up' ? 'b.sql' : 'a.sql'), 'utf8');
          const A = await createDb(server, 'fas_golden');
          const B = await createDb(server, 'fas_golden');
          try {
            if (a.trim()) await runSql(A.url, a);
            if (b.trim()) await runSql(B.url, b);
            const plan = planChanges(await readDatabase(A.url), await readDatabase(B.url));
            // the SQL is kept for review on 15 and 18; on 16 and 17 the checks below are what counts
            if (server.label === 'pg15' || server.label === 'pg18') t.snapshot(renderSql(plan.statements), `${server.label} ${name} ${direction}`);
            await withClient(A.url, {}, async (c) => {
              await applyStatements(c, plan.statements);
            });
            const again = planChanges(await readDatabase(A.url), await readDatabase(B.url));
            t.deepEqual(
              again.statements.map((s) => s.sql),
              [],
              'a second plan after applying must be empty',
            );
            // definitions the server prints in a form that is stored differently when run again, in A (kept or made by the plan) and B alike
            await roundTrip(A.url);
            await roundTrip(B.url);
            if (server.label === 'pg15') t.is(pgDump(A.url), pgDump(B.url), 'pg_dump --schema-only of A and B');
            t.deepEqual(await independentPicture(A.url), await independentPicture(B.url), 'independent catalog picture of A and B');
          } finally {
            await A.drop();
            await B.drop();
          }
        }),
      );
    }
