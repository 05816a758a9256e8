/** Query count does not grow with the number of tables; output is deterministic; bad input exits 2. */
import test from 'ava';
import { execa } from 'execa';
import { join } from 'node:path';
import { createDb, query, runSql, servers } from '../support/servers.js';
import { readDatabase } from '../../src/engine/read-source.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const server = servers()[0]!;

/** `--format sql` is for psql: statements one by one, CONCURRENTLY outside any transaction. */
async function psql(url: string, sql: string): Promise<void> {
  await execa('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url], { input: sql });
}

function tables(n: number): string {
  return Array.from({ length: n }, (_, i) => `CREATE TABLE t${i} (id int PRIMARY KEY, v text DEFAULT 'x'); CREATE INDEX t${i}_v ON t${i} (v);`).join('\n');
}

test('introspection sends the same number of queries for 10 and for 1,000 tables', async (t) => {
  const small = await createDb(server, 'fas_shape');
  const big = await createDb(server, 'fas_shape');
  try {
    await runSql(small.url, tables(10));
    // in batches: one transaction holding thousands of locks would starve the shared lock table
    for (let i = 0; i < 10; i++) await runSql(big.url, tables(100).replaceAll('CREATE TABLE t', `CREATE TABLE b${i}_t`).replaceAll('CREATE INDEX t', `CREATE INDEX b${i}_t`).replaceAll(' ON t', ` ON b${i}_t`));
    const count = async (url: string) => {
      let n = 0;
      const c = await readDatabase(url, { onQuery: () => n++ });
      return { n, tables: c.tables.size };
    };
    const a = await count(small.url);
    const b = await count(big.url);
    t.is(a.tables, 10);
    t.is(b.tables, 1000);
    t.is(a.n, b.n);
  } finally {
    await small.drop();
    await big.drop();
  }
});

test('fas diff is deterministic and exits 1 on differences, 0 after applying', async (t) => {
  const A = await createDb(server, 'fas_shape');
  const B = await createDb(server, 'fas_shape');
  try {
    await runSql(A.url, 'CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM t;');
    await runSql(B.url, 'CREATE TABLE t (a bigint, b text); CREATE VIEW v AS SELECT a, b FROM t; CREATE INDEX t_b ON t (b);');
    const run = () => execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url, '--format', 'sql'], { reject: false });
    const first = await run();
    const second = await run();
    t.is(first.exitCode, 1, first.stderr);
    t.is(first.stdout, second.stdout);
    await psql(A.url, first.stdout);
    const third = await run();
    t.is(third.exitCode, 0, third.stderr);
    t.is(third.stdout.trim(), '');
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('an unreachable server is exit 2, names host and port, and masks the password', async (t) => {
  const r = await execa('node', [FAS, 'diff', '--from', 'postgresql://fas:Very$ecret@127.0.0.1:1/x', '--to', 'postgresql://fas:Very$ecret@127.0.0.1:1/y'], { reject: false });
  t.is(r.exitCode, 2);
  t.regex(r.stderr, /\[CONNECT\].*127\.0\.0\.1:1/);
  t.false((r.stdout + r.stderr).includes('Very$ecret'));
});

test('a column declared between others is appended: no rewrite, rows, identity values and foreign keys untouched', async (t) => {
  const A = await createDb(server, 'fas_shape');
  const B = await createDb(server, 'fas_shape');
  try {
    await runSql(
      A.url,
      `CREATE TABLE p (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
       CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES p (id));
       INSERT INTO p (name) VALUES ('a'), ('b'), ('c'); INSERT INTO c VALUES (1, 3);`,
    );
    await runSql(B.url, `CREATE TABLE p (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, added text, name text NOT NULL); CREATE TABLE c (id int PRIMARY KEY, p int REFERENCES p (id));`);
    const node = async () => (await query<{ f: string }>(A.url, "SELECT relfilenode::text AS f FROM pg_class WHERE oid = 'p'::regclass"))[0]!.f;
    const before = await node();
    const r = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url, '--format', 'sql'], { reject: false });
    t.is(r.exitCode, 1, r.stderr);
    t.false(r.stdout.includes('INSERT INTO'), r.stdout);
    await psql(A.url, r.stdout);
    t.is(await node(), before, 'the table was not rewritten');
    const rows = await query<{ id: number; name: string }>(A.url, 'SELECT id, name FROM p ORDER BY id');
    t.deepEqual(rows, [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }]);
    const next = await query<{ id: number }>(A.url, "INSERT INTO p (name) VALUES ('d') RETURNING id");
    t.is(next[0]!.id, 4);
    await t.throwsAsync(() => runSql(A.url, 'INSERT INTO c VALUES (2, 99)'), { message: /foreign key/ });
    const cols = await query<{ attname: string }>(A.url, "SELECT attname FROM pg_attribute WHERE attrelid = 'p'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    t.deepEqual(cols.map((x) => x.attname), ['id', 'name', 'added']);
    const again = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url, '--format', 'sql'], { reject: false });
    t.is(again.exitCode, 0, again.stdout + again.stderr);
  } finally {
    await A.drop();
    await B.drop();
  }
});

test('objects fas cannot manage are reported by name, in text and JSON, never silently skipped', async (t) => {
  const A = await createDb(server, 'fas_shape');
  const B = await createDb(server, 'fas_shape');
  try {
    await runSql(A.url, 'CREATE TABLE t (a int)');
    await runSql(B.url, "CREATE TABLE t (a int); CREATE RULE t_log AS ON INSERT TO t DO ALSO NOTIFY t_changed; CREATE AGGREGATE my_sum (int) (sfunc = int4pl, stype = int);");
    const text = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url], { reject: false });
    t.is(text.exitCode, 1);
    t.regex(text.stdout, /unsupported: rule public\.t_log on t/);
    t.regex(text.stdout, /unsupported: aggregate public\.my_sum\(integer\)/);
    const json = await execa('node', [FAS, 'diff', '--from', A.url, '--to', B.url, '--format', 'json'], { reject: false });
    const doc = JSON.parse(json.stdout) as { unsupported: { objectType: string; name: string }[] };
    t.deepEqual(doc.unsupported.map((u) => `${u.objectType} ${u.name}`).sort(), ['aggregate my_sum(integer)', 'rule t_log on t']);
  } finally {
    await A.drop();
    await B.drop();
  }
});
