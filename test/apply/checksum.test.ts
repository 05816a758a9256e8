import { readFile, writeFile } from 'node:fs/promises';
import test from 'ava';
import { createDb, servers } from '../support/servers.js';
import { fas, rev, revId, stmt, tempDir, twoRevisions, writeRevisions } from './helpers.js';
import { applied } from './helpers.js';

for (const server of servers()) {
  test(`${server.label}: a revision file changed after apply is reported by current and refused by apply`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir = await tempDir(t);
    const [a, b] = twoRevisions();
    const [pathA] = await writeRevisions(dir, [a]);
    const opts = { db: db.url, dir };
    await applied(t, fas(['apply'], opts));

    const text = await readFile(pathA!, 'utf8');
    await writeFile(pathA!, text.replace('name text', 'name varchar(80)'));
    await writeRevisions(dir, [b]);

    const cur = await fas(['current'], opts);
    t.is(cur.exitCode, 1, `current reports a problem with exit 1: ${cur.stderr}`);
    t.true(cur.stdout.includes(`CHANGED: ${pathA}`), cur.stdout);
    const json = JSON.parse((await fas(['current', '--format', 'json'], opts)).stdout);
    t.is(json.changed[0].path, pathA);
    const hist = await fas(['history'], opts);
    t.regex(hist.stdout, new RegExp(`${a.id}.*CHANGED`));

    const r = await fas(['apply'], opts);
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stderr, /\[DRIFT\]/);
    t.true(r.stderr.includes(pathA!), r.stderr);
    const cur2 = await fas(['current'], opts);
    t.regex(cur2.stdout, new RegExp(`^${a.id}\\n`), 'nothing past the changed revision was applied');
  });

  test(`${server.label}: an applied revision unknown to the files is refused`, async (t) => {
    const db = await createDb(server);
    t.teardown(db.drop);
    const dir1 = await tempDir(t);
    const dir2 = await tempDir(t);
    const x = revId();
    await writeRevisions(dir1, [rev(x, null, 'Elsewhere', [stmt('CREATE TABLE public.elsewhere (id integer)')], [stmt('DROP TABLE public.elsewhere')])]);
    await applied(t, fas(['apply'], { db: db.url, dir: dir1 }));
    await writeRevisions(dir2, twoRevisions());
    const r = await fas(['apply'], { db: db.url, dir: dir2 });
    t.is(r.exitCode, 1, r.stderr);
    t.regex(r.stderr, new RegExp(`no file in the revision directory knows: ${x}`));
    const cur = await fas(['current'], { db: db.url, dir: dir2 });
    t.is(cur.exitCode, 1);
    t.regex(cur.stdout, new RegExp(`UNKNOWN: ${x}`));
  });
}
