/** The details of a change follow the differ's rule: what the differ does not compare is not reported as a difference. */
import test from 'ava';
import type { Table } from '../../src/catalog/model.js';
import { diffCatalogs } from '../../src/diff/diff.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { details } from '../../src/report/details.js';
import { createDb, runSql, servers } from '../support/servers.js';

test('column order, option order and a check printed another way are not details; a real change is', async (t) => {
  const db = await createDb(servers()[0]!, 'fas_details');
  try {
    await runSql(db.url, "CREATE TABLE t (a int DEFAULT 0, b varchar(10), c int, CONSTRAINT k CHECK (b IN ('x', 'y'))) WITH (fillfactor = 90, autovacuum_enabled = false)");
    const catalog = await readDatabase(db.url);
    const from = catalog.tables.get('table:public.t')!;
    // the server's printed form of the check, run again, is stored (and printed) differently: same meaning
    const printed = from.constraints.find((x) => x.name === 'k')!.definition;
    await runSql(db.url, `CREATE TABLE u (b varchar(10), CONSTRAINT k ${printed})`);
    const reprinted = (await readDatabase(db.url)).tables.get('table:public.u')!.constraints.find((x) => x.name === 'k')!.definition;
    t.not(reprinted, printed);
    const [a, b, c] = from.columns;
    const to: Table = {
      ...from,
      columns: [
        { ...b!, position: 1 },
        { ...a!, position: 2 },
        { ...c!, position: 3, type: 'bigint' },
      ],
      options: [...from.options].reverse(),
      constraints: from.constraints.map((x) => (x.name === 'k' ? { ...x, definition: reprinted } : x)),
    };
    t.is(diffCatalogs(catalog, { ...catalog, tables: new Map([...catalog.tables, ['table:public.t', to]]) }).length, 1);
    t.deepEqual(
      details(from, to).map((d) => d.path),
      ['columns.c.type'],
    );
  } finally {
    await db.drop();
  }
});
