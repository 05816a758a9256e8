// The benchmark's databases: one pair per scale and generated DDL, loaded once and reused.
//
// Names are fas_bench_<n>_<hash8>_a / _b, where the hash covers both generated scripts: a changed
// generator or seed gives new databases. A load runs in one psql transaction that ends by setting a
// COMMENT ON DATABASE marker, so a database without the marker is an interrupted load and is rebuilt.

import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generate, type GeneratedSchema } from './generator.js';
import { run } from './measure.js';
import { createDatabase, databaseExists, dbUrl, dropDatabase, literal, masked, PgError, psql } from './pg.js';

export interface ScaleSetup {
  n: number;
  hash: string;
  a: { name: string; url: string; generated: GeneratedSchema; ddlFile: string };
  b: { name: string; url: string; generated: GeneratedSchema; ddlFile: string; filesDir: string };
  /** Whether the pair was already there (true) or loaded by this run (false). */
  reused: boolean;
}

const marker = (hash: string, side: string) => `fas-bench loaded ${hash} ${side}`;

export function cacheDir(benchDir: string, n: number, hash: string): string {
  return join(benchDir, '.cache', `${n}_${hash}`);
}

export async function ensureScale(admin: string, benchDir: string, seed: number, n: number, log: (s: string) => void): Promise<ScaleSetup> {
  const ga = generate(seed, n, false);
  const gb = generate(seed, n, true);
  const hash = createHash('sha256').update(ga.ddl).update('\0').update(gb.ddl).digest('hex').slice(0, 8);
  const dir = cacheDir(benchDir, n, hash);
  mkdirSync(dir, { recursive: true });
  const ddlA = join(dir, 'a.sql');
  const ddlB = join(dir, 'b.sql');
  writeFileSync(ddlA, ga.ddl);
  writeFileSync(ddlB, gb.ddl);
  const filesDir = join(dir, 'schema');
  rmSync(filesDir, { recursive: true, force: true });
  for (const [path, sql] of gb.files) {
    const file = join(filesDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, sql);
  }

  const nameA = `fas_bench_${n}_${hash}_a`;
  const nameB = `fas_bench_${n}_${hash}_b`;
  const reusedA = await ensureLoaded(admin, nameA, ddlA, marker(hash, 'a'), log);
  const reusedB = await ensureLoaded(admin, nameB, ddlB, marker(hash, 'b'), log);
  return {
    n,
    hash,
    a: { name: nameA, url: dbUrl(admin, nameA), generated: ga, ddlFile: ddlA },
    b: { name: nameB, url: dbUrl(admin, nameB), generated: gb, ddlFile: ddlB, filesDir },
    reused: reusedA && reusedB,
  };
}

async function ensureLoaded(admin: string, name: string, ddlFile: string, mark: string, log: (s: string) => void): Promise<boolean> {
  if (await databaseExists(admin, name)) {
    const comment = await psql(admin, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ${literal(name)};`);
    if (comment === mark) return true;
    log(`  ${name}: incomplete earlier load, rebuilding`);
    await dropDatabase(admin, name);
  }
  log(`  loading ${name}`);
  await createDatabase(admin, name);
  const r = await loadDdl(dbUrl(admin, name), ddlFile, `COMMENT ON DATABASE ${name} IS ${literal(mark)};`);
  if (r.code !== 0) {
    await dropDatabase(admin, name);
    throw new PgError(`loading ${name} failed: ${r.stderr.trim()}`, r);
  }
  return false;
}

/** psql -f in one transaction; `after` runs inside the same transaction. */
export function loadDdl(url: string, ddlFile: string, after?: string) {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '--single-transaction', '-d', url, '-f', ddlFile];
  if (after) args.push('-c', after);
  // With -c and -f together psql runs them in order, in the one transaction.
  return run('psql', args);
}

/**
 * The reference of goal (b): the time to load the variant's DDL in one transaction into an empty
 * database (created and dropped around it, untimed).
 */
export async function timeVariantLoad(admin: string, setup: ScaleSetup) {
  const name = `fas_bench_${setup.n}_${setup.hash}_load_${process.pid}`;
  await dropDatabase(admin, name);
  await createDatabase(admin, name);
  try {
    const r = await loadDdl(dbUrl(admin, name), setup.b.ddlFile);
    if (r.code !== 0) throw new PgError(`loading the variant into ${masked(dbUrl(admin, name))} failed: ${r.stderr.trim()}`, r);
    return r;
  } finally {
    await dropDatabase(admin, name);
  }
}

/** Benchmark databases at the given scales from other generator versions or seeds: not used by this run. */
export async function staleDatabases(admin: string, scales: readonly number[], keep: ReadonlySet<string>): Promise<string[]> {
  const rows = await psql(admin, `SELECT datname FROM pg_database WHERE datname ~ '^fas_bench_[0-9]+_[0-9a-f]{8}_(a|b)$' ORDER BY 1;`);
  return rows.split('\n').filter((r) => r !== '' && !keep.has(r) && scales.includes(Number(r.split('_')[2])));
}

