/** `fas psql`: psql on the target (--db, DATABASE_URL, or the embedded server), or the command to run. */
import { spawn } from 'node:child_process';
import type { Command, Io, Outcome } from './command.js';
import { parseArgs, str } from './args.js';
import { withTarget } from '../engine/with-target.js';

const USAGE = `fas psql [--db URL] [--print] [-- PSQL_ARGS...]

Opens psql on the target: --db, else DATABASE_URL, else the project's embedded
PostgreSQL 18 (started for the session when it is not running; \`fas db start\`
keeps it up). When psql is not installed, prints the command to run instead.`;

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function runPsql(url: string, extra: readonly string[]): Promise<number | 'missing'> {
  return new Promise((resolve) => {
    const child = spawn('psql', [url, ...extra], { stdio: 'inherit' });
    child.on('error', (e) => resolve((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export const psqlCommand: Command = {
  name: 'psql',
  summary: 'open psql on the target (or print the command)',
  usage: USAGE,
  async run(argv, io: Io): Promise<Outcome> {
    const args = parseArgs(argv, { flags: { db: 'string', print: 'boolean' } }, 'psql');
    // An embedded server started for the session is left when psql ends, also on error.
    return withTarget({ db: str(args, 'db'), env: io.env, cwd: io.cwd, log: io.stderr }, async (url) => {
      const command = ['psql', url, ...args.positional].map(shellQuote).join(' ');
      if (args.flags.print === true) {
        io.stdout(command + '\n');
        return 'ok';
      }
      const r = await runPsql(url, args.positional);
      if (r === 'missing') {
        io.stderr('fas: psql is not installed; run this with any PostgreSQL client:\n');
        io.stdout(command + '\n');
        return 'ok';
      }
      return r === 0 ? 'ok' : 'findings';
    });
  },
};
