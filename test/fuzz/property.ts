/**
 * The fuzzer's property for one pair of schemas (a, b), both directions: load
 * a into A (with a few rows) and b into B, plan A -> B, apply it, then the
 * catalogs must be equal, the re-plan empty, and the independent picture of A
 * equal to B's once both went through the server's round trip (what each
 * definition means, not the text it was first written as). Returns what went
 * wrong, or null. A plan the rows refuse (a new NOT NULL on rows holding NULL)
 * is a data refusal, not a failure.
 */
import pg from 'pg';
import { createDb, runSql, type TestServer } from '../support/servers.js';
import { independentPicture } from '../support/independent-check.js';
import { roundTrip } from '../support/round-trip.js';
import { applyStatements } from '../support/apply-plan.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import { diffCatalogs } from '../../src/diff/diff.js';

/** A few rows in every table that takes them (defaults and NULLs). */
async function addRows(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ t: string }>("SELECT c.oid::regclass::text AS t FROM pg_class c WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relnamespace::regnamespace::text NOT IN ('pg_catalog', 'information_schema')")).rows;
    for (const { t } of tables)
      for (let i = 0; i < 3; i++) await c.query(`SAVEPOINT r; INSERT INTO ${t} DEFAULT VALUES; RELEASE r`).catch(() => c.query('ROLLBACK TO r').catch(() => undefined));
  } finally {
    await c.end();
  }
}

async function oneWay(server: TestServer, from: string, to: string): Promise<string | null> {
  const A = await createDb(server, 'fas_fuzz');
  const B = await createDb(server, 'fas_fuzz');
  try {
    await runSql(A.url, from);
    await runSql(B.url, to);
    await addRows(A.url);
    let plan;
    try {
      plan = planChanges(await readDatabase(A.url), await readDatabase(B.url));
    } catch (e) {
      return `planning failed: ${(e as Error).message}`;
    }
    const c = new pg.Client({ connectionString: A.url });
    await c.connect();
    try {
      await applyStatements(c, plan.statements);
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      await c.query('ROLLBACK').catch(() => undefined);
      if (code.startsWith('23')) return null; // the rows refuse the change: a hazard, not a wrong plan
      return `applying failed: ${(e as Error).message}\n${plan.statements.map((s) => s.sql + ';').join('\n')}`;
    } finally {
      await c.end();
    }
    const [a2, b2] = [await readDatabase(A.url), await readDatabase(B.url)];
    const diff = diffCatalogs(a2, b2).map((ch) => `${ch.op} ${ch.id}`);
    if (diff.length) return `catalogs differ after applying: ${diff.join(', ')}`;
    const again = planChanges(a2, b2).statements.map((s) => s.sql);
    if (again.length) return `the re-plan is not empty:\n${again.join(';\n')}`;
    await roundTrip(A.url);
    await roundTrip(B.url);
    const [pa, pb] = [await independentPicture(A.url), await independentPicture(B.url)];
    const onlyA = pa.filter((l) => !pb.includes(l));
    const onlyB = pb.filter((l) => !pa.includes(l));
    if (onlyA.length || onlyB.length) return `independent pictures differ:\n- ${onlyA.join('\n- ')}\n+ ${onlyB.join('\n+ ')}`;
    return null;
  } finally {
    await A.drop();
    await B.drop();
  }
}

/** Both directions; the first problem found, prefixed with its direction. */
export async function checkPair(server: TestServer, a: string, b: string): Promise<string | null> {
  const up = await oneWay(server, a, b);
  if (up) return `up: ${up}`;
  const down = await oneWay(server, b, a);
  return down ? `down: ${down}` : null;
}
