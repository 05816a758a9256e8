/**
 * npm run bench:fleet — fas apply over 12 databases with a revision that takes
 * about one second per target (pg_sleep in a step): serially (max_parallel 1)
 * and with max_parallel 4, through the same library flow as `fas apply --targets`.
 * FAS_BENCH_PG_URL (default the local PostgreSQL 15) hosts the databases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { applyFleet } from '../src/fleet/fleet-apply.js';
import { parseTargetsFile } from '../src/fleet/load-targets.js';
import { resolveFleet } from '../src/fleet/resolve-fleet.js';
import { readRevisionDir } from '../src/revisions/chain.js';
import { writeRevision } from '../src/revisions/write.js';
import { newRevisionId } from '../src/revisions/revision-id.js';
import type { Statement } from '../src/plan/statement.js';
import { hazardRules, parseAllowHazards } from '../src/apply/hazard-gate.js';

const SERVER = process.env.FAS_BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = 12;

function stmt(sql: string): Statement {
  return { sql, hazards: [], transactional: true, lockTimeoutMs: 3000, statementTimeoutMs: 60_000, source: 'bench' };
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

function urlOf(db: string): string {
  const u = new URL(SERVER);
  u.pathname = '/' + db;
  return u.toString();
}

async function run(maxParallel: number, dir: string): Promise<{ seconds: number; statuses: string[] }> {
  const names = Array.from({ length: N }, (_, i) => `fas_bench_fleet_${randomBytes(3).toString('hex')}_${i}`);
  for (const n of names) await admin(`CREATE DATABASE ${n} TEMPLATE template0`);
  try {
    const env: Record<string, string> = {};
    const yaml = [`max_parallel: ${maxParallel}`, `per_host: ${maxParallel}`, 'on_error: continue', 'targets:'];
    names.forEach((n, i) => {
      env[`BENCH_T${i}_URL`] = urlOf(n);
      yaml.push(`  - { name: t${i}, url_env: BENCH_T${i}_URL }`);
    });
    const fleet = await resolveFleet(parseTargetsFile('bench.targets.yaml', yaml.join('\n') + '\n'), env);
    const chain = await readRevisionDir(dir);
    const started = performance.now();
    const rows = await applyFleet({ fleet, chain, mode: { kind: 'upgrade' }, allowHazards: hazardRules(parseAllowHazards([])) });
    return { seconds: (performance.now() - started) / 1000, statuses: rows.map((r) => r.status) };
  } finally {
    for (const n of names) await admin(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
  }
}

const dir = await mkdtemp(join(tmpdir(), 'fas-bench-fleet-'));
try {
  await writeRevision(dir, {
    id: newRevisionId(),
    parent: null,
    message: 'About a second per target',
    created: new Date().toISOString(),
    upgrade: [stmt('CREATE TABLE public.slow (id integer PRIMARY KEY)'), stmt('CREATE TABLE public.waited AS SELECT pg_catalog.pg_sleep(1)::text AS slept')],
    downgrade: [stmt('DROP TABLE public.waited'), stmt('DROP TABLE public.slow')],
  });
  const serial = await run(1, dir);
  const parallel = await run(4, dir);
  const bad = [...serial.statuses, ...parallel.statuses].filter((s) => s !== 'applied');
  if (bad.length) throw new Error(`some targets did not apply: ${bad.join(', ')}`);
  console.log(`fleet of ${N} databases on ${new URL(SERVER).host}, one revision of ~1 s per target`);
  console.log(`serial (max_parallel 1): ${serial.seconds.toFixed(1)} s`);
  console.log(`max_parallel 4:          ${parallel.seconds.toFixed(1)} s (${((parallel.seconds / serial.seconds) * 100).toFixed(0)}% of serial)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
