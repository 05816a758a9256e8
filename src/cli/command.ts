import { parseArgs, type ArgSpec, type ParsedArgs } from './args.js';

/**
 * A command of the CLI. Commands return an outcome; only main.ts turns
 * outcomes and errors into exit codes.
 */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** stdout is a terminal: colours allowed (report/color.ts also honours NO_COLOR) */
  readonly color?: boolean;
}

/** ok -> 0; findings (diff found, drift, redis problems, lint findings) -> 1; refused (hazards, lock) -> 1. */
export type Outcome = 'ok' | 'findings' | 'refused';

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  run(argv: readonly string[], io: Io): Promise<Outcome>;
}

/**
 * A command whose run begins by parsing its flags: the spec is declared beside the name, and run
 * receives the parsed arguments (--help is answered from the spec by main.ts).
 */
export function flagCommand(c: {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly spec: ArgSpec;
  run(args: ParsedArgs, io: Io): Promise<Outcome>;
}): Command {
  return { name: c.name, summary: c.summary, usage: c.usage, run: (argv, io) => c.run(parseArgs(argv, c.spec, c.name), io) };
}
