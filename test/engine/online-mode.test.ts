/**
 * fas diff --online: a table at most --online-threshold gets plain DDL (the SQL
 * runs inside one transaction), and an empty one reaches the declared column
 * order; a larger table gets the online patterns and keeps its order; a row that arrives between
 * plan and apply stops the re-order before anything is dropped.
 */
import test from 'ava';
import { execa } from 'execa';
import { join } from 'node:path';
import { createDb, query, runSql, servers } from '../support/servers.js';
import { describeSize, readTableSizes } from '../../src/introspect/table-sizes.js';
import { withClient } from '../../src/util/db.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const server = servers()[0]!;

const A_SQL = `CREATE TABLE t (id int PRIMARY KEY, b text, c int NOT NULL DEFAULT 0 CHECK (c >= 0));
CREATE INDEX t_b ON t (b); COMMENT ON COLUMN t.c IS 'count';
CREATE VIEW v AS SELECT id, c FROM t;`;
const B_SQL = `CREATE TABLE t (id int PRIMARY KEY, a date, b text, c int NOT NULL DEFAULT 0 CHECK (c >= 0));
CREATE INDEX t_b ON t (b, id); CREATE INDEX t_c ON t (c); COMMENT ON COLUMN t.c IS 'count';
CREATE VIEW v AS SELECT id, c FROM t;`;

async function pair(): Promise<{ A: { url: string; drop: () => Promise<void> }; B: { url: string; drop: () => Promise<void> } }> {
  const A = await createDb(server, 'fas_online_mode');
  const B = await createDb(server, 'fas_online_mode');
  await runSql(A.url, A_SQL);
  await runSql(B.url, B_SQL);
  return { A, B };
}

const diffSql = (from: string, to: string, ...more: string[]) => execa('node', [FAS, 'diff', '--from', from, '--to', to, '--format', 'sql', ...more], { reject: false });
const psql1 = (url: string, sql: string) => execa('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', url], { input: sql, reject: false });
const columns = async (url: string) => (await query<{ attname: string }>(url, "SELECT attname FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")).map((r) => r.attname);

test('an empty table: plain DDL that runs in one transaction, declared column order reached, re-diff empty', async (t) => {
  const { A, B } = await pair();
  try {
    const r = await diffSql(A.url, B.url);
    t.is(r.exitCode, 1, r.stderr);
    t.notRegex(r.stdout, /CONCURRENTLY|NOT VALID/);
    t.regex(r.stdout, /fas_empty_guard/);
    const applied = await psql1(A.url, r.stdout);
    t.is(applied.exitCode, 0, applied.stderr);
    t.deepEqual(await columns(A.url), ['id', 'a', 'b', 'c']);
    // the constraint, default, comment and view of a re-made column came back
    const again = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url], { reject: false });
    t.is(again.exitCode, 0, again.stdout + again.stderr);
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('a table holding rows over the threshold: online patterns, order kept and noted, every value kept', async (t) => {
  const { A, B } = await pair();
  try {
    await runSql(A.url, "INSERT INTO t SELECT g, 'b' || g, g FROM generate_series(1, 500) g");
    // 500 rows are below the default threshold (1MB): plain DDL, in one transaction, order kept
    const small = await diffSql(A.url, B.url);
    t.notRegex(small.stdout, /CONCURRENTLY|NOT VALID|fas_empty_guard|DROP COLUMN/);
    const r = await diffSql(A.url, B.url, '--online-threshold', '8kB');
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stdout, /CREATE INDEX CONCURRENTLY/);
    t.notRegex(r.stdout, /fas_empty_guard|DROP COLUMN/);
    const text = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url, '--online-threshold', '8kB'], { reject: false });
    t.regex(text.stdout, /declared order \(id, a, b, c\) is not applied/);
    const applied = await execa('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', A.url], { input: r.stdout, reject: false });
    t.is(applied.exitCode, 0, applied.stderr);
    t.deepEqual(await columns(A.url), ['id', 'b', 'c', 'a']);
    const [sum] = await query<{ s: string; n: string }>(A.url, "SELECT sum(c)::text AS s, count(*) FILTER (WHERE b = 'b' || id)::text AS n FROM t");
    t.deepEqual(sum, { s: String((500 * 501) / 2), n: '500' });
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('--online never gives plain DDL on a table with rows; --online always gives online patterns on an empty one', async (t) => {
  const { A, B } = await pair();
  try {
    const always = await diffSql(A.url, B.url, '--online', 'always');
    t.regex(always.stdout, /CREATE INDEX CONCURRENTLY/);
    t.notRegex(always.stdout, /fas_empty_guard/);
    await runSql(A.url, "INSERT INTO t VALUES (1, 'x', 1)");
    const never = await diffSql(A.url, B.url, '--online', 'never');
    t.notRegex(never.stdout, /CONCURRENTLY/);
    t.notRegex(never.stdout, /fas_empty_guard/);
    const applied = await psql1(A.url, never.stdout);
    t.is(applied.exitCode, 0, applied.stderr);
    const bad = await diffSql(A.url, B.url, '--online', 'sometimes');
    t.is(bad.exitCode, 2);
    t.regex(bad.stderr, /--online must be one of always, auto, never/);
    const badSize = await diffSql(A.url, B.url, '--online-threshold', 'big');
    t.is(badSize.exitCode, 2);
    t.regex(badSize.stderr, /--online-threshold: "big" is not a size/);
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('a row written after the plan stops the re-order at its guard: nothing dropped, the row kept', async (t) => {
  const { A, B } = await pair();
  try {
    const r = await diffSql(A.url, B.url);
    t.regex(r.stdout, /DROP COLUMN/);
    await runSql(A.url, "INSERT INTO t VALUES (7, 'late', 3)");
    const applied = await psql1(A.url, r.stdout);
    t.not(applied.exitCode, 0);
    t.regex(applied.stderr, /fas_empty_guard/);
    t.deepEqual(await columns(A.url), ['id', 'b', 'c']);
    t.deepEqual(await query(A.url, 'SELECT id, b, c FROM t'), [{ id: 7, b: 'late', c: 3 }]);
  } finally {
    await A.drop();
    await B.drop();
  }
});

test("fas diff: the sizes read with FROM's catalog go into the hazards, for a table and for a materialized view", async (t) => {
  const A = await createDb(server, 'fas_online_mode');
  const B = await createDb(server, 'fas_online_mode');
  try {
    const base = `CREATE TABLE big (a int, b text); CREATE MATERIALIZED VIEW mv AS SELECT b FROM big WITH NO DATA;`;
    await runSql(A.url, `${base} INSERT INTO big SELECT g, repeat('x', 200) FROM generate_series(1, 30000) g; ANALYZE big; REFRESH MATERIALIZED VIEW mv; ANALYZE mv;`);
    await runSql(B.url, `${base} ALTER TABLE big ALTER COLUMN a TYPE bigint; CREATE INDEX mv_b ON mv (b);`);
    const r = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url, '--format', 'json'], { reject: false });
    t.is(r.exitCode, 1, r.stderr);
    const hazards = (JSON.parse(r.stdout) as { statements: { sql: string; hazards: { type: string; message: string }[] }[] }).statements.flatMap((s) => s.hazards.map((h) => ({ ...h, sql: s.sql })));
    const rewrite = hazards.find((h) => h.type === 'REWRITES_TABLE');
    const build = hazards.find((h) => h.type === 'INDEX_BUILD' && /mv_b/.test(h.sql));
    t.regex(rewrite?.message ?? '', /public\.big: ~30\.0k rows, \d+(\.\d)? MB/);
    t.regex(build?.message ?? '', /public\.mv: ~30\.0k rows, \d+(\.\d)? (kB|MB)/);
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('fas diff reads the size of a table the plan reaches only through the dependency closure, and plans with it', async (t) => {
  // the index is re-made because the function it calls changes its return type: neither the table nor
  // the index is a change of the diff, so its size is read when the planner asks for it, and the
  // plan is made again with it (small: a plain CREATE INDEX in one transaction, sized in its hazard)
  const A = await createDb(server, 'fas_online_mode');
  const B = await createDb(server, 'fas_online_mode');
  try {
    const fn = (ret: string, add: number) => `CREATE FUNCTION f(int) RETURNS ${ret} LANGUAGE sql IMMUTABLE AS 'SELECT $1 + ${add}';`;
    await runSql(A.url, `${fn('int', 1)} CREATE TABLE t (x int, y int); CREATE INDEX t_f ON t (f(y)); INSERT INTO t VALUES (1, 1); ANALYZE t;`);
    await runSql(B.url, `${fn('bigint', 2)} CREATE TABLE t (x int, y int); CREATE INDEX t_f ON t (f(y));`);
    const r = await diffSql(A.url, B.url);
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stdout, /public\.t: ~1 rows, \d+(\.\d)? kB\)\nCREATE INDEX t_f ON public\.t USING btree \(public\.f\(y\)\);/);
    t.notRegex(r.stdout, /CONCURRENTLY/);
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('table sizes: rows and bytes from the catalog, partitions summed, empty means no heap page', async (t) => {
  const db = await createDb(server, 'fas_online_mode');
  try {
    await runSql(
      db.url,
      `CREATE TABLE e (a int); CREATE TABLE f (a int, b text);
       INSERT INTO f SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g; ANALYZE f;
       CREATE TABLE p (a int) PARTITION BY RANGE (a);
       CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (100); CREATE TABLE p2 PARTITION OF p FOR VALUES FROM (100) TO (200);
       INSERT INTO p SELECT g FROM generate_series(0, 199) g; ANALYZE p1; ANALYZE p2;
       CREATE MATERIALIZED VIEW m AS SELECT a FROM f; ANALYZE m;`,
    );
    const sizes = await withClient(db.url, {}, readTableSizes);
    // a materialized view has its own key: an index build on it names its size
    t.is(sizes.get('matview:public.m')!.rows, 20000);
    t.is(sizes.get('table:public.m'), undefined);
    const e = sizes.get('table:public.e')!;
    const f = sizes.get('table:public.f')!;
    const p = sizes.get('table:public.p')!;
    t.is(e.heapBytes, 0);
    t.true(f.heapBytes > 2_000_000);
    t.is(f.rows, 20000);
    t.is(p.rows, 200);
    t.true(p.heapBytes > 0);
    t.is(sizes.get('table:public.p1')!.rows, 100);
    t.regex(describeSize(f), /^~20\.0k rows, \d\.\d MB$/);
    t.is(describeSize({ rows: null, bytes: 0, heapBytes: 0 }), '0 bytes');
    t.is(describeSize({ rows: 1_000_000, bytes: 227 * 1024 * 1024, heapBytes: 1 }), '~1.0M rows, 227 MB');
  } finally {
    await db.drop();
  }
});

test('a table another session holds in ACCESS EXCLUSIVE: sizes come from the estimates at once, and a table with none is unknown (online patterns)', async (t) => {
  const db = await createDb(server, 'fas_online_mode');
  const { default: pg } = await import('pg');
  const holder = new pg.Client({ connectionString: db.url });
  try {
    await runSql(db.url, 'CREATE TABLE held (a int); CREATE TABLE known (a int); INSERT INTO known SELECT generate_series(1, 1000); ANALYZE known;');
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE held IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    const sizes = await withClient(db.url, {}, readTableSizes);
    t.true(Date.now() - started < 5_000, 'the size read waited for the lock');
    t.false(sizes.has('table:public.held'));
    t.is(sizes.get('table:public.known')?.rows, 1000);
    t.true(sizes.get('table:public.known')!.heapBytes > 0);
    t.true(sizes.get('table:public.known')!.estimated);
    // estimates decide nothing: when a table the plan touches is held, fas diff keeps the online
    // patterns for every table it touches (their sizes are estimates)
    const other = await createDb(server, 'fas_online_mode');
    try {
      await runSql(other.url, 'CREATE TABLE held (a int); CREATE TABLE known (a int); CREATE INDEX ON known (a); CREATE INDEX ON held (a);');
      const r = await diffSql(db.url, other.url);
      t.is(r.exitCode, 1, r.stderr);
      t.regex(r.stdout, /CREATE INDEX CONCURRENTLY known_a_idx ON public\.known/);
      t.regex(r.stdout, /CREATE INDEX CONCURRENTLY held_a_idx ON public\.held/);
      // fas diff reads the sizes of the tables its plan touches only: a lock on another table does not matter
      await runSql(other.url, 'DROP INDEX held_a_idx;');
      const alone = await diffSql(db.url, other.url);
      t.is(alone.exitCode, 1, alone.stderr);
      t.regex(alone.stdout, /CREATE INDEX known_a_idx ON public\.known USING btree \(a\);/);
      t.regex(alone.stdout, /public\.known: ~1\.0k rows, \d+ kB\)/);
    } finally {
      await other.drop();
    }
  } finally {
    await holder.end().catch(() => undefined);
    await db.drop();
  }
});
