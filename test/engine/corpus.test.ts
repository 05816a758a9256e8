/**
 * The migra corpus (../shared/conformance/migra) on PostgreSQL 18, where
 * roundtrip.sh cannot run (no pg_dump 18 here). Same rule otherwise: load the
 * "from" files and the "to" file, plan, apply in one transaction, then the two
 * databases must be equal (fas's catalog and the independent pg_get_*def
 * picture) and a second plan must be empty. PostgreSQL 15 runs the real
 * harness: npm run conformance.
 */
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDb, query, runSql, servers, versionServers } from '../support/servers.js';
import { independentPicture } from '../support/independent-check.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import { diffCatalogs } from '../../src/diff/diff.js';
import { withClient } from '../../src/util/db.js';
import { limit } from '../support/limit.js';
import type { Scope } from '../../src/diff/scope.js';
import { applyStatements } from '../support/apply-plan.js';

const CORPUS = join(import.meta.dirname, '..', '..', '..', 'shared', 'conformance', 'migra');
const gate = limit(2);
const SCOPES: Record<string, Scope> = {
  singleschema: { include: ['goodschema'], exclude: [] },
  excludeschema: { include: [], exclude: ['excludedschema'] },
};

const pg18 = servers().find((s) => s.label === 'pg18');
// PostgreSQL 15 runs the real harness (npm run conformance); 16, 17 and 18 run here
const targets = versionServers().filter((s) => s.label !== 'pg15');
if (!existsSync(CORPUS)) {
  // under CI a missing corpus is a failure; elsewhere an explicit skip that says why
  if (process.env.CI) test('conformance corpus is present', (t) => t.fail(`no corpus at ${CORPUS}`));
  else test.skip(`conformance corpus: skipped, no corpus at ${CORPUS}`, () => undefined);
} else if (!pg18) {
  test.skip('conformance corpus on PostgreSQL 18: skipped, FAS_TEST_PG18_URL is not set (npm test sets it)', () => undefined);
} else {
  test.before(async () => {
    for (const server of targets) {
      const r = await query(server.adminUrl, "SELECT 1 FROM pg_roles WHERE rolname = 'schemainspect_test_role'");
      if (!r.length) await runSql(server.adminUrl, 'CREATE ROLE schemainspect_test_role').catch(() => undefined);
    }
  });
  for (const server of targets)
  for (const fixture of readdirSync(CORPUS).filter((f) => existsSync(join(CORPUS, f, 'a.sql'))).sort()) {
    const dir = join(CORPUS, fixture);
    const additions = existsSync(join(dir, 'additions.sql')) ? readFileSync(join(dir, 'additions.sql'), 'utf8') : '';
    const directions: [string, string[], string][] = [
      ['up', ['a.sql'], 'b.sql'],
      ['down', ['b.sql'], 'a.sql'],
    ];
    if (additions.trim()) directions.push(['additions', ['a.sql', 'additions.sql'], 'b.sql']);
    for (const [direction, fromFiles, toFile] of directions)
      test(`${server.label} ${fixture} ${direction}`, (t) =>
        gate(async () => {
          const scope = SCOPES[fixture] ?? { include: [], exclude: [] };
          const A = await createDb(server, 'fas_corpus');
          const B = await createDb(server, 'fas_corpus');
          try {
            for (const f of fromFiles) await runSql(A.url, readFileSync(join(dir, f), 'utf8'));
            await runSql(B.url, readFileSync(join(dir, toFile), 'utf8'));
            if (fixture === 'extversions' && direction === 'down') {
              await t.throwsAsync(async () => planChanges(await readDatabase(A.url), await readDatabase(B.url), scope), { message: /no update path/ });
              return;
            }
            const plan = planChanges(await readDatabase(A.url), await readDatabase(B.url), scope);
            await withClient(A.url, {}, async (c) => {
              await applyStatements(c, plan.statements);
            });
            const [a2, b2] = [await readDatabase(A.url), await readDatabase(B.url)];
            t.deepEqual(diffCatalogs(a2, b2, scope).map((c) => `${c.op} ${c.id}`), [], 'catalogs equal after applying');
            t.deepEqual(planChanges(a2, b2, scope).statements.map((s) => s.sql), [], 'the re-plan is empty');
            if (!SCOPES[fixture]) t.deepEqual(await independentPicture(A.url, { privileges: false }), await independentPicture(B.url, { privileges: false }), 'independent picture (privileges excluded, as the round-trip rule does)');
          } finally {
            await A.drop();
            await B.drop();
          }
        }),
      );
  }
}
