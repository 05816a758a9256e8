// Command-line options of the benchmark (npm run bench -- --help).

import { join, resolve } from 'node:path';
import { DEFAULT_PG_URL } from './pg.js';

export interface Options {
  scales: number[];
  runs: number;
  seed: number;
  skipMigraAbove: number;
  migraTimeoutS: number;
  fasTimeoutS: number;
  pgUrl: string;
  dropStale: boolean;
  migraRuns: number;
  /** Above this N, (b) and its reference load are skipped (they take minutes at 3000). */
  skipFilesAbove: number;
  /** History lengths for `fas plan` on the FAS schema; empty: not measured. */
  history: number[];
  /** Scale whose variant is applied as one initial revision by `fas apply`; 0: not measured. */
  applyScale: number;
  applyRuns: number;
  /** The results file that is committed and rendered into the README. */
  out: string;
}

export function parseArgs(argv: string[], benchDir: string): Options {
  const o: Options = {
    scales: [200, 1000, 3000],
    runs: 5,
    seed: 1,
    skipMigraAbove: 1000,
    migraTimeoutS: 300,
    fasTimeoutS: 600,
    pgUrl: process.env.FAS_BENCH_PG_URL ?? DEFAULT_PG_URL,
    dropStale: false,
    migraRuns: 1,
    skipFilesAbove: 100000,
    history: [1, 100, 500],
    applyScale: 3000,
    applyRuns: 1,
    out: join(benchDir, 'results.json'),
  };
  const ints = (flag: string, v: string | undefined, min: number) => (v === '' || v === 'none' ? [] : (v ?? '').split(',').map((x) => int(flag, x.trim(), min)));
  const int = (flag: string, v: string | undefined, min: number): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer >= ${min}, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes('=') ? argv[i]!.split(/=(.*)/s, 2) as [string, string] : [argv[i]!, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--scales': {
        const v = value();
        o.scales = (v ?? '').split(',').map((s) => int('--scales', s.trim(), 1));
        break;
      }
      case '--runs': o.runs = int('--runs', value(), 1); break;
      case '--seed': o.seed = int('--seed', value(), 0); break;
      case '--skip-migra-above': o.skipMigraAbove = int('--skip-migra-above', value(), 0); break;
      case '--migra-timeout': o.migraTimeoutS = int('--migra-timeout', value(), 1); break;
      case '--fas-timeout': o.fasTimeoutS = int('--fas-timeout', value(), 1); break;
      case '--pg-url': o.pgUrl = value() ?? ''; break;
      case '--drop-stale': o.dropStale = true; break;
      case '--migra-runs': o.migraRuns = int('--migra-runs', value(), 1); break;
      case '--skip-files-above': o.skipFilesAbove = int('--skip-files-above', value(), 0); break;
      case '--history': o.history = ints('--history', value(), 1); break;
      case '--apply-scale': o.applyScale = int('--apply-scale', value(), 0); break;
      case '--apply-runs': o.applyRuns = int('--apply-runs', value(), 1); break;
      case '--out': o.out = resolve(value() ?? ''); break;
      case '--help': case '-h':
        process.stdout.write('usage: npm run bench -- [--scales 200,1000,3000] [--runs 5] [--seed 1] [--skip-migra-above 1000]\n' +
          '                      [--migra-timeout 300] [--fas-timeout 600] [--pg-url postgresql://postgres@127.0.0.1:5432/postgres] [--drop-stale]\n' +
          '                      [--migra-runs 1] [--skip-files-above N] [--history 1,100,500|none] [--apply-scale 3000|0] [--apply-runs 1] [--out bench/results.json]\n');
        process.exit(0);
      default:
        throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  return o;
}
