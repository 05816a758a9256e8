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
import { createDatabase, createTemporaryDatabase, databaseExists, dbUrl, dropDatabase, literal, masked, PgError, psql } from './pg.js';

export interface ScaleSetup {
  n: number;
  hash: string;
  a: { name: string; url: string; generated: GeneratedSchema; ddlFile: string; batchedFile: string };
  b: { name: string; url: string; generated: GeneratedSchema; ddlFile: string; batchedFile: string; filesDir: string };
  /** Set once one transaction proved too big for the server's lock table: later variant loads go batched. */
  singleTxTooBig?: string;
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
  const batchedA = join(dir, 'a.batched.sql');
  const batchedB = join(dir, 'b.batched.sql');
  writeFileSync(batchedA, batched(ga.ddlParts));
  writeFileSync(batchedB, batched(gb.ddlParts));
  const filesDir = join(dir, 'schema');
  rmSync(filesDir, { recursive: true, force: true });
  for (const [path, sql] of gb.files) {
    const file = join(filesDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, sql);
  }

  const nameA = `fas_bench_${n}_${hash}_a`;
  const nameB = `fas_bench_${n}_${hash}_b`;
  const reusedA = await ensureLoaded(admin, nameA, ddlA, batchedA, marker(hash, 'a'), log);
  const reusedB = await ensureLoaded(admin, nameB, ddlB, batchedB, marker(hash, 'b'), log);
  return {
    n,
    hash,
    a: { name: nameA, url: dbUrl(admin, nameA), generated: ga, ddlFile: ddlA, batchedFile: batchedA },
    b: { name: nameB, url: dbUrl(admin, nameB), generated: gb, ddlFile: ddlB, batchedFile: batchedB, filesDir },
    reused: reusedA && reusedB,
  };
}

/** Objects per transaction in a batched load: about 8 locks each, well inside the default lock table. */
export const BATCH_OBJECTS = 300;

/** The script as BEGIN/COMMIT blocks of BATCH_OBJECTS objects (the schemas and enums go in the first). */
function batched(parts: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += BATCH_OBJECTS) out.push(`BEGIN;\n${parts.slice(i, i + BATCH_OBJECTS).join('')}COMMIT;\n`);
  return out.join('');
}

/**
 * One transaction holds a lock on every relation it creates; at a few thousand tables that overflows
 * the server's shared lock table (max_locks_per_transaction x max_connections).
 */
export const isLockTableFull = (stderr: string) => /out of shared memory|max_locks_per_transaction/.test(stderr);

async function ensureLoaded(admin: string, name: string, ddlFile: string, batchedFile: string, mark: string, log: (s: string) => void): Promise<boolean> {
  if (await databaseExists(admin, name)) {
    const comment = await psql(admin, `SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ${literal(name)};`);
    if (comment === mark) return true;
    log(`  ${name}: incomplete earlier load, rebuilding`);
    await dropDatabase(admin, name);
  }
  log(`  loading ${name}`);
  await createDatabase(admin, name);
  const setMark = `COMMENT ON DATABASE ${name} IS ${literal(mark)};`;
  let r = await loadDdl(dbUrl(admin, name), ddlFile, setMark);
  if (r.code !== 0 && isLockTableFull(r.stderr)) {
    log(`  ${name}: one transaction overflows the server's lock table; loading in transactions of ${BATCH_OBJECTS} objects`);
    await dropDatabase(admin, name);
    await createDatabase(admin, name);
    // The marker comes last, so an interrupted batched load is still seen as incomplete.
    r = await loadBatched(dbUrl(admin, name), batchedFile, setMark);
  }
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

/** psql -f of a script made of BEGIN/COMMIT blocks; `after` runs last, in its own transaction. */
export function loadBatched(url: string, batchedFile: string, after?: string) {
  const args = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', batchedFile];
  if (after) args.push('-c', after);
  return run('psql', args);
}

/**
 * The reference of goal (b): the time to load the variant's DDL in one transaction into an empty
 * database (created and dropped around it, untimed). When one transaction overflows the server's
 * lock table, the load is timed in transactions of BATCH_OBJECTS objects instead, and
 * setup.singleTxTooBig says so (later calls go batched directly).
 */
export async function timeVariantLoad(admin: string, setup: ScaleSetup) {
  const name = `fas_bench_${setup.n}_${setup.hash}_load_${process.pid}`;
  const fresh = async () => {
    await dropDatabase(admin, name);
    await createTemporaryDatabase(admin, name);
  };
  await fresh();
  try {
    let r = setup.singleTxTooBig ? undefined : await loadDdl(dbUrl(admin, name), setup.b.ddlFile);
    if (r === undefined || (r.code !== 0 && isLockTableFull(r.stderr))) {
      if (r) {
        setup.singleTxTooBig = `one transaction overflowed the server's lock table (${r.stderr.trim().split('\n').filter((l) => /ERROR/.test(l))[0] ?? 'out of shared memory'}); timed in transactions of ${BATCH_OBJECTS} objects`;
        await fresh();
      }
      r = await loadBatched(dbUrl(admin, name), setup.b.batchedFile);
    }
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

