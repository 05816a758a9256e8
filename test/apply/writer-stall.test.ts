/**
 * Writers under a schema change: pgbench runs single-row UPDATEs and INSERTs on a
 * table of 100k rows while {add index, add unique, add foreign key, add check,
 * set not null, varchar(50) -> text} is applied, once by fas (planned by fas, run
 * by the executor) and once as plain DDL in one transaction. fas must stall the
 * writers much less; the end state has no INVALID index. The 1M-row figures come
 * from `npm run bench:online`.
 */
import test from 'ava';
import { servers } from '../support/servers.js';
import { CASES, createBase, dropDatabase, measure } from '../../bench/online-stall.js';

const ROWS = 100_000;

for (const server of servers()) {
  test.serial(`${server.label}: six changes on ${ROWS} rows under pgbench: fas stalls writers far less than plain DDL in one transaction`, async (t) => {
    const base = await createBase(server.adminUrl, ROWS);
    t.teardown(() => dropDatabase(server.adminUrl, base));
    const six = CASES.find((c) => c.name === 'the six together')!;
    const opts = { admin: server.adminUrl, base, rows: ROWS };
    const plain = await measure(six, 'plain', opts);
    const fas = await measure(six, 'fas', opts);
    t.log(`plain: longest writer stall ${plain.stallMs.toFixed(0)} ms (change ${plain.changeMs} ms, ${plain.writes} writes)`);
    t.log(`fas:   longest writer stall ${fas.stallMs.toFixed(0)} ms (change ${fas.changeMs} ms, ${fas.writes} writes, ${fas.statements} statements)`);
    t.is(fas.invalidIndexes, 0, 'no INVALID index remains');
    t.true(plain.writes > 0 && fas.writes > 0, 'writers ran during both changes');
    t.true(fas.stallMs < plain.stallMs * 0.5, `fas stall ${fas.stallMs.toFixed(0)} ms vs plain ${plain.stallMs.toFixed(0)} ms`);
  });
}
