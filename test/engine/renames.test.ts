/**
 * Issue 11 on the FAS database with rows in every table (PostgreSQL 15 and 18):
 * - renames declared with renamed_from plan only RENAME statements, apply without
 *   --allow-hazards, keep every value, and the downgrade restores names and values;
 * - the same renames undeclared are named as suspected renames, the drops carry
 *   DELETES_DATA, and `fas apply` refuses them (exit 1) with nothing changed;
 * - a column added between two existing ones is appended: no INSERT ... SELECT,
 *   the same relfilenode, an empty re-plan, and a note about the order.
 */
import test from 'ava';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, query, servers, type TestServer } from '../support/servers.js';
import { FAS_TABLES as TABLES, ROOT, fasOn } from '../support/fas-repo.js';
import { readDatabase } from '../../src/engine/read-source.js';
import { sampleRows } from '../../src/engine/sample-rows.js';
import { withClient } from '../../src/util/db.js';


interface Project {
  readonly dir: string;
  readonly url: string;
  fas(...args: string[]): Promise<{ exitCode?: number; stdout: string; stderr: string }>;
  edit(file: string, f: (s: string) => string): void;
  done(): Promise<void>;
}

/** A copy of schema/ and generated-migrations/, applied to a new database that holds rows in every FAS table. */
async function project(server: TestServer): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'fas-renames-'));
  cpSync(join(ROOT, 'schema'), join(dir, 'schema'), { recursive: true });
  cpSync(join(ROOT, 'generated-migrations'), join(dir, 'generated-migrations'), { recursive: true });
  const db = await createDb(server, 'fas_renames');
  const fas = fasOn(dir, db.url, server, { NO_COLOR: '1' });
  const applied = await fas('apply');
  if (applied.exitCode !== 0) throw new Error(applied.stderr);
  const catalog = await readDatabase(db.url);
  const report = await withClient(db.url, {}, (c) => sampleRows(c, catalog, 3));
  if (report.skipped.length) throw new Error(`sample rows: ${JSON.stringify(report.skipped)}`);
  return {
    dir,
    url: db.url,
    fas,
    edit: (file, f) => writeFileSync(join(dir, file), f(readFileSync(join(dir, file), 'utf8'))),
    done: async () => {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every table's rows as sorted JSON texts, keyed by table. */
async function contents(url: string, tables: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const rows = await query<{ j: string }>(url, `SELECT row_to_json(x)::text AS j FROM ONLY ${t} x`);
    out[t] = rows.map((r) => r.j).sort();
  }
  return out;
}

/** Rename prediction_outcomes -> prediction_scores (and its references), direction_correct -> direction_hit, actuals.reported_at -> published_at. */
function renameEverywhere(p: Project, declare: boolean): void {
  p.edit('schema/outcomes/prediction_outcomes.yaml', (s) =>
    s
      .replace('table: outcomes.prediction_outcomes', `table: outcomes.prediction_scores${declare ? '\nrenamed_from: outcomes.prediction_outcomes' : ''}`)
      .replace('  - name: direction_correct\n', `  - name: direction_hit\n${declare ? '    renamed_from: direction_correct\n' : ''}`),
  );
  p.edit('schema/outcomes/actuals.yaml', (s) => s.replace('  - name: reported_at\n', `  - name: published_at\n${declare ? '    renamed_from: reported_at\n' : ''}`));
  p.edit('schema/outcomes/lessons_learned.yaml', (s) => s.replace('outcomes.prediction_outcomes(outcome_id)', 'outcomes.prediction_scores(outcome_id)'));
  p.edit('schema/outcomes/updated_at_triggers.sql', (s) => s.replace('ON outcomes.prediction_outcomes', 'ON outcomes.prediction_scores'));
}

function revisionFile(p: Project, slug: string): string {
  const f = readdirSync(join(p.dir, 'generated-migrations')).find((x) => x.endsWith(`_${slug}.sql`));
  if (!f) throw new Error(`no revision ${slug}`);
  return readFileSync(join(p.dir, 'generated-migrations', f), 'utf8');
}

/** The statements of one section of a revision file (lines that are not comments). */
function section(text: string, which: 'upgrade' | 'downgrade'): string[] {
  const [up, down] = text.split(/^-- downgrade$/m);
  const part = which === 'upgrade' ? up!.split(/^-- upgrade$/m)[1]! : down!;
  return part
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('--'))
    .map((l) => l.trim());
}

const renamedKey = (t: string) => (t === 'outcomes.prediction_outcomes' ? 'outcomes.prediction_scores' : t);

for (const server of servers()) {
  test(`${server.label}: declared renames keep every value, need no --allow-hazards, and downgrade back`, async (t) => {
    const p = await project(server);
    try {
      const before = await contents(p.url, TABLES);
      for (const tbl of TABLES) t.true(before[tbl]!.length > 0, `${tbl} holds rows`);
      renameEverywhere(p, true);
      const plan = await p.fas('plan', '-m', 'renames');
      t.is(plan.exitCode, 0, plan.stderr);
      const up = section(revisionFile(p, 'renames'), 'upgrade');
      t.true(up.length >= 3);
      for (const s of up) t.regex(s, /^ALTER (TABLE|SEQUENCE) \S+ RENAME /, 'only RENAME statements');
      t.false(up.some((s) => /DROP|INSERT|ADD COLUMN/.test(s)));
      const apply = await p.fas('apply');
      t.is(apply.exitCode, 0, apply.stderr);
      const after = await contents(p.url, TABLES.map(renamedKey));
      for (const tbl of TABLES) {
        const want = before[tbl]!.map((j) => {
          let r = j.replace('"direction_correct":', '"direction_hit":');
          if (tbl === 'outcomes.actuals') r = r.replace('"reported_at":', '"published_at":');
          return r;
        });
        t.deepEqual(after[renamedKey(tbl)], want.sort(), `${tbl}: every value kept under the new names`);
      }
      const again = await p.fas('diff', '--to', 'schema');
      t.is(again.exitCode, 0, again.stdout + again.stderr);
      const down = await p.fas('downgrade', '-1');
      t.is(down.exitCode, 0, down.stderr);
      t.deepEqual(await contents(p.url, TABLES), before, 'the downgrade restores names and values');
    } finally {
      await p.done();
    }
  });

  test(`${server.label}: undeclared renames are named as suspected, carry DELETES_DATA, and apply refuses them`, async (t) => {
    const p = await project(server);
    try {
      const before = await contents(p.url, TABLES);
      renameEverywhere(p, false);
      const text = await p.fas('plan', '-m', 'undeclared2', '--dry-run');
      t.regex(text.stdout, /looks like a rename of table outcomes\.prediction_outcomes to outcomes\.prediction_scores/);
      const plan = await p.fas('plan', '-m', 'undeclared', '--format', 'json');
      t.is(plan.exitCode, 0, plan.stderr);
      const doc = JSON.parse(plan.stdout) as { upgrade: { notes: { type: string; object: string; message: string }[]; statements: { sql: string; hazards: { type: string; message: string }[] }[] } };
      const suspected = doc.upgrade.notes.filter((n) => n.type === 'suspected-rename');
      t.true(suspected.some((n) => n.object === 'outcomes.prediction_outcomes' && /renamed_from: outcomes\.prediction_outcomes/.test(n.message)), JSON.stringify(suspected));
      t.true(suspected.some((n) => n.object === 'outcomes.actuals.reported_at' && /rename of column outcomes\.actuals\.reported_at to published_at/.test(n.message)), JSON.stringify(suspected));
      const dropCol = doc.upgrade.statements.find((s) => /DROP COLUMN reported_at/.test(s.sql));
      t.truthy(dropCol);
      t.true(dropCol!.hazards.some((h) => h.type === 'DELETES_DATA' && /outcomes\.actuals\.reported_at/.test(h.message) && /renamed_from: reported_at/.test(h.message)));
      const dropTable = doc.upgrade.statements.find((s) => /^DROP TABLE outcomes\.prediction_outcomes$/.test(s.sql));
      t.true(dropTable!.hazards.some((h) => h.type === 'DELETES_DATA'));
      const apply = await p.fas('apply');
      t.is(apply.exitCode, 1, apply.stdout + apply.stderr);
      t.regex(apply.stderr + apply.stdout, /DELETES_DATA/);
      t.deepEqual(await contents(p.url, TABLES), before, 'nothing changed');
    } finally {
      await p.done();
    }
  });

  test(`${server.label}: a column added between two existing ones is appended without a rewrite`, async (t) => {
    const p = await project(server);
    try {
      const rel = async () => (await query<{ f: string }>(p.url, "SELECT pg_relation_filenode('outcomes.actuals')::text AS f"))[0]!.f;
      const before = await rel();
      const rows = await contents(p.url, ['outcomes.actuals']);
      p.edit('schema/outcomes/actuals.yaml', (s) => s.replace('  - name: metric\n', '  - name: venue\n    type: text\n    comment: Where it was reported.\n  - name: metric\n'));
      const plan = await p.fas('plan', '-m', 'venue');
      t.is(plan.exitCode, 0, plan.stderr);
      t.regex(plan.stdout, /column-order: columns of outcomes\.actuals stay in the order/);
      const rev = revisionFile(p, 'venue');
      t.false(/INSERT|SELECT/i.test(section(rev, 'upgrade').join('\n')), rev);
      t.true(section(rev, 'upgrade').some((s) => /ADD COLUMN venue text/.test(s)));
      const apply = await p.fas('apply');
      t.is(apply.exitCode, 0, apply.stderr);
      t.is(await rel(), before, 'relfilenode unchanged: the table was not rewritten');
      const after = await contents(p.url, ['outcomes.actuals']);
      t.deepEqual(
        after['outcomes.actuals']!.map((j) => j.replace(',"venue":null', '')),
        rows['outcomes.actuals'],
        'every row keeps its values; the new column is NULL',
      );
      const again = await p.fas('plan', '-m', 'again', '--dry-run');
      t.regex(again.stdout, /No changes/, again.stderr);
    } finally {
      await p.done();
    }
  });
}
