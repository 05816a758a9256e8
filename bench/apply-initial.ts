// `fas apply` of one initial revision that creates a whole N-table schema (the variant's schema
// files): the revision is written once by `fas plan --no-verify` against an empty database and kept
// in bench/.cache/apply-<n>_<hash8>/; every timed run applies it to a fresh empty database (created
// and dropped untimed). After the first run, `fas diff --from <that database> --to <schema files>`
// must find nothing: the applied revision really is the schema.

import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { run, type RunResult } from './measure.js';
import { createTemporaryDatabase, dbUrl, dropDatabase } from './pg.js';
import type { ScaleSetup } from './databases.js';

export interface ApplySetup {
  projectDir: string;
  revisionFile: string;
  statements: number;
}

export async function ensureInitialRevision(admin: string, root: string, setup: ScaleSetup, fasBin: string, env: NodeJS.ProcessEnv, log: (s: string) => void): Promise<ApplySetup> {
  const projectDir = join(root, 'bench', '.cache', `apply-${setup.n}_${setup.hash}`);
  const revDir = join(projectDir, 'generated-migrations');
  const existing = existsSync(revDir) ? readdirSync(revDir).filter((f) => f.endsWith('.sql')) : [];
  if (existing.length !== 1) {
    rmSync(projectDir, { recursive: true, force: true });
    mkdirSync(projectDir, { recursive: true });
    symlinkSync(setup.b.filesDir, join(projectDir, 'schema'));
    const empty = `fas_bench_apply_${setup.n}_plan_${process.pid}`;
    await createTemporaryDatabase(admin, empty);
    try {
      log(`  writing the initial revision of ${setup.n} tables (fas plan --no-verify against an empty database)`);
      const r = await run('node', [fasBin, 'plan', '-m', `initial ${setup.n} tables`, '--rev-id', 'b00000000001', '--no-verify', '--db', dbUrl(admin, empty)], { cwd: projectDir, env, keepStdout: false });
      if (r.code !== 0) throw new Error(`fas plan of the initial revision failed: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    } finally {
      await dropDatabase(admin, empty);
    }
  }
  const [file] = readdirSync(revDir).filter((f) => f.endsWith('.sql'));
  const { readRevisionDir } = await import('../src/revisions/chain.js');
  const chain = await readRevisionDir(revDir);
  return { projectDir, revisionFile: join(revDir, file!), statements: chain.revisions[0]!.upgrade.length };
}

/** One timed `fas apply` into a fresh database; `check` also diffs the result against the schema files. */
export async function timeApply(admin: string, setup: ScaleSetup, apply: ApplySetup, fasBin: string, env: NodeJS.ProcessEnv, timeoutMs: number, check: boolean): Promise<{ run: RunResult; check?: { pass: boolean; detail: string } }> {
  const name = `fas_bench_apply_${setup.n}_${process.pid}`;
  await dropDatabase(admin, name);
  await createTemporaryDatabase(admin, name);
  try {
    const url = dbUrl(admin, name);
    const r = await run('node', [fasBin, 'apply', '--db', url], { cwd: apply.projectDir, env, timeoutMs, keepStdout: false });
    if (!check || r.code !== 0) return { run: r };
    const d = await run('node', [fasBin, 'diff', '--from', url, '--to', setup.b.filesDir, '--format', 'sql'], { env, timeoutMs });
    const pass = d.code === 0;
    return { run: r, check: { pass, detail: pass ? `fas diff applied database -> schema files: no changes` : `fas diff exit ${d.code}: ${(d.stdout + d.stderr).trim().split('\n').slice(0, 5).join(' | ')}` } };
  } finally {
    await dropDatabase(admin, name);
  }
}
