/**
 * castExists (src/plan/type-change.ts, over the fixed table src/plan/builtin-casts.ts)
 * against the server itself: for every pair of built-in types, PostgreSQL is
 * asked to parse `NULL::a::b`, which fails exactly when there is no explicit
 * cast. The only differences allowed are the bytea <-> integer casts that
 * PostgreSQL 18 added (left out of the table so a plan works on 15 too).
 */
import test from 'ava';
import pg from 'pg';
import { createDb, servers } from '../support/servers.js';
import { BUILTIN_TYPES } from '../../src/plan/builtin-casts.js';
import { castExists } from '../../src/plan/type-change.js';

const CASTABLE_FN = `
CREATE FUNCTION pg_temp.castable(a text, b text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT NULL::%s::%s', a, b);
  RETURN true;
EXCEPTION WHEN cannot_coerce THEN
  RETURN false;
END $$`;

const NEW_IN_18 = new Set(['bigint -> bytea', 'integer -> bytea', 'smallint -> bytea', 'bytea -> bigint', 'bytea -> integer', 'bytea -> smallint']);

/** The function lives in pg_temp: created and used in one session. */
async function castable(url: string, pairs: readonly (readonly [string, string])[]): Promise<{ a: string; b: string; ok: boolean }[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(CASTABLE_FN);
    const r = await c.query<{ a: string; b: string; ok: boolean }>('SELECT p.a, p.b, pg_temp.castable(p.a, p.b) AS ok FROM unnest($1::text[], $2::text[]) AS p(a, b)', [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ]);
    return r.rows;
  } finally {
    await c.end();
  }
}

for (const server of servers()) {
  test(`${server.label}: castExists agrees with the server for every pair of built-in types, and for arrays`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const types = [...BUILTIN_TYPES];
    const pairs = types.flatMap((a) => types.map((b) => [a, b] as const));
    pairs.push(['integer[]', 'bigint[]'], ['date[]', 'integer[]'], ['integer[]', 'integer'], ['integer[]', 'text'], ['text', 'integer[]'], ['date', 'text[]'], ['character varying(5)[]', 'text[]']);
    const rows = await castable(db.url, pairs);
    const wrong = rows.filter((r) => castExists(r.a, r.b) !== r.ok).map((r) => `${r.a} -> ${r.b}: server ${r.ok}, fas ${!r.ok}`);
    const expected = server.label === 'pg18' ? [...NEW_IN_18].map((x) => `${x}: server true, fas false`).sort() : [];
    t.deepEqual(wrong.sort(), expected);
    t.is(rows.length, pairs.length);
  });
}
