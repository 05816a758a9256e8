/**
 * A table that changes its inheritance parents: NO INHERIT for a parent it
 * leaves, INHERIT for one it joins, nothing for a parent it keeps; applied,
 * the database re-plans to nothing.
 */
import test from 'ava';
import { readDatabase } from '../../src/engine/read-source.js';
import { planChanges } from '../../src/plan/planner.js';
import { createDb, runSql, servers } from '../support/servers.js';

const PARENTS = 'CREATE SCHEMA s; CREATE TABLE s.p1 (id int); CREATE TABLE s.p2 (id int); CREATE TABLE s.p3 (id int);';

for (const server of servers())
  test(`${server.label}: a child leaves one parent, joins another and keeps a third`, async (t) => {
    const [A, B] = await Promise.all([createDb(server, 'fas_inherit'), createDb(server, 'fas_inherit')]);
    t.teardown(() => Promise.all([A.drop(), B.drop()]));
    await runSql(A.url, `${PARENTS} CREATE TABLE s.c (id int, note text) INHERITS (s.p1, s.p2);`);
    await runSql(B.url, `${PARENTS} CREATE TABLE s.c (id int, note text) INHERITS (s.p1, s.p3);`);
    const scope = { include: ['s'], exclude: [] };
    const up = planChanges(await readDatabase(A.url), await readDatabase(B.url), scope);
    t.deepEqual(
      up.statements.map((s) => s.sql),
      ['ALTER TABLE s.c NO INHERIT s.p2', 'ALTER TABLE s.c INHERIT s.p3'],
    );
    for (const s of up.statements) await runSql(A.url, s.sql);
    t.deepEqual(planChanges(await readDatabase(A.url), await readDatabase(B.url), scope).statements, [], 'applied, nothing is left to do');
  });
