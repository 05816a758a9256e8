// `fas plan` on the FAS schema with a long history: the repository's own revisions plus synthetic
// ones up to N in all, each a no-op in effect (a table comment set to a marker and back), applied to
// a target so that there is nothing to plan. What it shows: plan time must not grow with N (the
// replayed history is cached under <project>/.fas/history-cache/).
//
// Projects live in bench/.cache/history-<n>/ (schema/ copied, generated-migrations/ written here),
// their targets in databases fas_bench_hist_<n>_<hash8>, reused while the revisions are the same.

import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readRevisionDir } from '../src/revisions/chain.js';
import { writeRevision } from '../src/revisions/write.js';
import type { Statement } from '../src/plan/statement.js';
import { run } from './measure.js';
import { createDatabase, databaseExists, dbUrl, dropDatabase, literal, psql } from './pg.js';

export interface HistorySetup {
  revisions: number;
  projectDir: string;
  target: string;
  targetName: string;
  reused: boolean;
}

const COMMENTED = 'COMMENT ON TABLE access_tracking.file_access_log IS';

function stmt(sql: string): Statement {
  return { sql, hazards: [], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 600000, source: 'comment on table access_tracking.file_access_log' };
}

/** Deterministic 12-hex-digit revision ids. */
const revId = (n: number, k: number) => createHash('sha256').update(`fas bench history ${n} ${k}`).digest('hex').slice(0, 12);

export async function ensureHistory(admin: string, root: string, n: number, fasBin: string, env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<HistorySetup> {
  const projectDir = join(root, 'bench', '.cache', `history-${n}`);
  const revDir = join(projectDir, 'generated-migrations');
  rmSync(projectDir, { recursive: true, force: true });
  mkdirSync(revDir, { recursive: true });
  cpSync(join(root, 'schema'), join(projectDir, 'schema'), { recursive: true });
  const own = readdirSync(join(root, 'generated-migrations')).filter((f) => f.endsWith('.sql'));
  for (const f of own) cpSync(join(root, 'generated-migrations', f), join(revDir, f));
  const chain = await readRevisionDir(revDir);
  if (chain.revisions.length > n) throw new Error(`the repository has ${chain.revisions.length} revisions, more than ${n}`);
  const restore = chain.revisions.flatMap((r) => r.upgrade).filter((s) => s.sql.startsWith(COMMENTED)).pop();
  if (!restore) throw new Error(`no "${COMMENTED} ..." statement in generated-migrations/: the synthetic revisions need one to restore`);
  let parent = chain.head;
  for (let k = chain.revisions.length + 1; k <= n; k++) {
    const id = revId(n, k);
    const up = [stmt(`${COMMENTED} ${literal(`bench revision ${k}`)}`), stmt(restore.sql)];
    await writeRevision(revDir, { id, parent, message: `bench no-op ${k}`, created: '2026-01-01T00:00:00.000Z', upgrade: up, downgrade: up });
    parent = id;
  }
  const hash = createHash('sha256');
  for (const f of readdirSync(revDir).sort()) hash.update(f).update(readFileSync(join(revDir, f)));
  const targetName = `fas_bench_hist_${n}_${hash.digest('hex').slice(0, 8)}`;
  const target = dbUrl(admin, targetName);
  const mark = `fas-bench history ${n} applied`;
  if (await databaseExists(admin, targetName)) {
    if ((await psql(admin, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ${literal(targetName)};`)) === mark)
      return { revisions: n, projectDir, target, targetName, reused: true };
    await dropDatabase(admin, targetName);
  }
  log(`  applying ${n} revisions to ${targetName}`);
  await createDatabase(admin, targetName);
  const r = await run('node', [fasBin, 'apply', '--db', target], { cwd: projectDir, env });
  if (r.code !== 0) throw new Error(`fas apply of ${n} revisions failed: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  await psql(admin, `COMMENT ON DATABASE ${targetName} IS ${literal(mark)};`);
  return { revisions: n, projectDir, target, targetName, reused: false };
}

/** Forget the cached history, so that the next plan replays it (the warm-up shows that cost). */
export function dropHistoryCache(projectDir: string): void {
  const dir = join(projectDir, '.fas', 'history-cache');
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
