// npm run bench:online [-- --rows 1000000 --clients 2 --cases "add index,add unique" --url postgresql://...]
// For each case: a copy of a table with --rows rows (default 1,000,000), pgbench writing single-row
// UPDATEs and INSERTs, and the change applied by fas and as plain DDL in one transaction; the longest
// writer stall of each, side by side. Writes bench/results/online-<time>.json (and, for a full run,
// bench/results-online.json) and renders the table
// into bench/README.md between <!-- online:start --> and <!-- online:end -->.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, type StallResult, createBase, dropDatabase, measure } from './online-stall.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface OnlineDoc {
  readonly timestamp: string;
  readonly rows: number;
  readonly clients: number;
  readonly server: string;
  readonly machine: { cpus: number; loadAvg?: number[] };
  readonly results: readonly StallResult[];
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

export function renderOnlineTable(doc: OnlineDoc): string {
  const ms = (x: number) => `${Math.round(x).toLocaleString('en-US')} ms`;
  const lines = [
    `Longest writer stall while the change runs: ${doc.rows.toLocaleString('en-US')} rows, pgbench with ${doc.clients} clients running single-row UPDATEs and INSERTs, ${doc.server}, ${doc.machine.cpus} CPUs (${doc.timestamp.slice(0, 10)}; \`npm run bench:online\`).`,
    '',
    '| change | plain DDL, one transaction: stall | fas: stall | ratio | fas: statements, duration |',
    '|---|---|---|---|---|',
  ];
  for (const c of CASES) {
    const plain = doc.results.find((r) => r.case === c.name && r.variant === 'plain');
    const fas = doc.results.find((r) => r.case === c.name && r.variant === 'fas');
    if (!plain || !fas) continue;
    const ratio = plain.stallMs > 0 ? `${(fas.stallMs / plain.stallMs).toFixed(2)}×` : '–';
    lines.push(`| ${c.name} | ${ms(plain.stallMs)} | ${ms(fas.stallMs)} | ${ratio} | ${fas.statements}, ${ms(fas.changeMs)} |`);
  }
  return lines.join('\n');
}

async function renderReadme(doc: OnlineDoc): Promise<void> {
  const path = join(ROOT, 'bench', 'README.md');
  const text = await readFile(path, 'utf8');
  const start = '<!-- online:start -->';
  const end = '<!-- online:end -->';
  const block = `${start}\n${renderOnlineTable(doc)}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n## Online DDL: writer stalls\n\n${block}\n`;
  await writeFile(path, next);
}

async function main(): Promise<void> {
  const admin = arg('url') ?? process.env.FAS_BENCH_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const rows = Number(arg('rows') ?? 1_000_000);
  const clients = Number(arg('clients') ?? 2);
  const only = arg('cases')?.split(',');
  const cases = CASES.filter((c) => !only || only.includes(c.name));
  const log = (s: string) => process.stderr.write(s);
  log(`building ${rows} rows ... `);
  const base = await createBase(admin, rows);
  log('done\n');
  const results: StallResult[] = [];
  try {
    for (const c of cases)
      for (const variant of ['plain', 'fas'] as const) {
        log(`${c.name}, ${variant} ... `);
        const r = await measure(c, variant, { admin, base, rows, clients });
        results.push(r);
        log(`stall ${r.stallMs.toFixed(0)} ms, change ${r.changeMs} ms\n`);
      }
  } finally {
    await dropDatabase(admin, base);
  }
  const u = new URL(admin);
  const doc: OnlineDoc = {
    timestamp: new Date().toISOString(),
    rows,
    clients,
    server: `PostgreSQL at ${u.hostname}:${u.port || 5432}`,
    machine: { cpus: cpus().length },
    results,
  };
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  const out = join(ROOT, 'bench', 'results', `online-${doc.timestamp.replace(/[:.]/g, '-')}.json`);
  await writeFile(out, JSON.stringify(doc, null, 2) + '\n');
  if (!only) {
    // the committed results of the last full run, which the README table is made from
    await writeFile(join(ROOT, 'bench', 'results-online.json'), JSON.stringify(doc, null, 2) + '\n');
    await renderReadme(doc);
  }
  process.stdout.write(renderOnlineTable(doc) + '\n');
  log(`results: ${out}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench:online failed: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  });
}
