/**
 * The command-line entry: the only place that decides exit codes.
 * 0 ok, 1 findings or refused, 2 error.
 */
import type { Command, Io, Outcome } from './command.js';
import { FasError, formatLocation } from '../util/errors.js';
import { maskText } from '../util/mask.js';
import { runCleanups } from '../scratch/cleanup.js';
import { locatedMessage } from './error-location.js';
import { INTERRUPT_EXIT, watchInterrupts, type Interrupt } from './interrupt.js';
import { HelpRequested, type ArgSpec } from './args.js';
import { commandHelp } from './help.js';
import { didYouMean } from './suggest.js';
import { fasVersion } from './version.js';

type Loader = () => Promise<Command>;

/** Commands load lazily so that `fas --help` and `fas redis check` stay fast. */
const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  plan: { summary: 'write a new revision from schema/ against the target', load: async () => (await import('./plan.js')).planCommand },
  apply: { summary: 'apply pending revisions to the target', load: async () => (await import('./apply.js')).applyCommand },
  downgrade: { summary: 'run downgrades: -1, -N, REV or base', load: async () => (await import('./downgrade.js')).downgradeCommand },
  history: { summary: 'the revision chain and what the target has applied', load: async () => (await import('./history.js')).historyCommand },
  current: { summary: "the target's revision, and whether files changed", load: async () => (await import('./current.js')).currentCommand },
  diff: { summary: 'what turns FROM into TO (defaults: target -> schema/); --prod for drift', load: async () => (await import('./diff.js')).diffCommand },
  lint: { summary: 'check revision files and hand-written Alembic revisions', load: async () => (await import('./lint.js')).lintCommand },
  redis: { summary: 'redis check: validate the three Redis tiers', load: async () => (await import('./redis-check.js')).redisCommand },
  stamp: { summary: 'adopt a database built by Alembic or by hand at revision REV', load: async () => (await import('./stamp.js')).stampCommand },
  rehash: { summary: 're-seal a revision file edited by hand (never an applied one)', load: async () => (await import('./rehash.js')).rehashCommand },
  export: { summary: 'export alembic --out DIR: revisions as Alembic files', load: async () => (await import('./export-alembic.js')).exportCommand },
  check: { summary: 'CI: do generated-migrations/ reach schema/? exit 1 with the differences', load: async () => (await import('./check.js')).checkCommand },
  db: { summary: 'the embedded PostgreSQL 18: start (kept running), url, status, stop', load: async () => (await import('./db.js')).dbCommand },
  psql: { summary: 'open psql on the target (or print the command)', load: async () => (await import('./psql.js')).psqlCommand },
  completion: { summary: 'completion bash|zsh: print a shell completion script', load: async () => (await import('./completion.js')).completionCommand },
};

/** Subcommand words put before --help so that `fas redis --help` reaches the flag parser. */
const HELP_PREFIX: Record<string, readonly string[]> = { redis: ['check'], export: ['alembic'] };

export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

/** The flags of a command, read from its parser by asking it for help. */
export async function commandSpec(name: string): Promise<ArgSpec | undefined> {
  const entry = COMMANDS[name];
  if (!entry) return undefined;
  const command = await entry.load();
  const silent: Io = { stdout: () => undefined, stderr: () => undefined, cwd: process.cwd(), env: {} };
  try {
    await command.run([...(HELP_PREFIX[name] ?? []), '--help'], silent);
  } catch (e) {
    if (e instanceof HelpRequested) return e.spec;
  }
  return undefined;
}

const EXIT: Record<Outcome, number> = { ok: 0, findings: 1, refused: 1 };

export function helpText(): string {
  const lines = [
    'fas - declarative schema toolkit for the FAS storage layer',
    '',
    'Usage: fas <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`),
    '',
    'Connections: --db URL or DATABASE_URL (target), FAS_PROD_DATABASE_URL (production),',
    '--dev-url or FAS_DEV_DATABASE_URL (scratch databases). With no target, fas uses a',
    'project-local embedded PostgreSQL 18 under .fas/.',
    '',
    'Run `fas <command> --help` for the options of a command.',
  ];
  return lines.join('\n') + '\n';
}

export function formatError(e: unknown, cwd: string = process.cwd()): string {
  if (e instanceof FasError) return maskText(`fas: error [${e.code}] ${locatedMessage(e.message, e.location, cwd)}`);
  const msg = e instanceof Error ? (e.stack ?? e.message) : String(e);
  return maskText(`fas: internal error: ${msg}`);
}

export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === '-V' || name === 'version') {
    io.stdout(`fas ${fasVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    const what = name.startsWith('-') ? 'option' : 'command';
    io.stderr(`fas: unknown ${what} ${name}${didYouMean(name, name.startsWith('-') ? ['--help', '--version'] : commandNames())}\nRun \`fas --help\` for the list of commands.\n`);
    return 2;
  }
  let command: Command | undefined;
  const interrupts = watchInterrupts();
  const interrupted = (sig: Interrupt) => {
    io.stderr('fas: interrupted\n');
    return INTERRUPT_EXIT[sig];
  };
  try {
    command = await entry.load();
    const dashes = rest.indexOf('--');
    const help = rest.slice(0, dashes < 0 ? rest.length : dashes).findIndex((a) => a === '--help' || a === '-h');
    // parseArgs sees --help first and throws HelpRequested with the command's flags
    const run = command.run(help >= 0 ? [...(HELP_PREFIX[name] ?? []), ...rest.slice(0, help + 1)] : rest, io);
    run.catch(() => undefined); // after an interrupt, its failure is a consequence, not news
    const result = await Promise.race([run.then((outcome) => ({ outcome })), interrupts.signalled.then((sig) => ({ sig }))]);
    if ('sig' in result) {
      io.stderr('fas: interrupted\n');
      await runCleanups(); // drops scratch databases; the command's connections end with them
      await Promise.race([run, new Promise((r) => setTimeout(r, 5000).unref())]).catch(() => undefined);
      return INTERRUPT_EXIT[result.sig]; // finally: cleanups registered meanwhile
    }
    return EXIT[result.outcome];
  } catch (e) {
    const sig = interrupts.received();
    if (sig) return interrupted(sig);
    if (e instanceof HelpRequested) {
      io.stdout(commandHelp(name, command!.usage, e.spec));
      return 0;
    }
    io.stderr(formatError(e, io.cwd) + '\n');
    return e instanceof FasError && e.refused ? 1 : 2;
  } finally {
    await runCleanups();
    interrupts.dispose();
  }
}

export function processIo(): Io {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    color: process.stdout.isTTY === true,
  };
}
