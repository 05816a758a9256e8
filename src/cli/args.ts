import { FasError } from '../util/errors.js';
import { didYouMean } from './suggest.js';
import type { ParsedArgs } from '../util/parsed-args.js';

export { bool, list, str, type ParsedArgs } from '../util/parsed-args.js';

export interface ArgSpec {
  /** flag name without dashes -> kind. Repeatable flags collect into arrays. */
  readonly flags: Record<string, 'boolean' | 'string' | 'repeat'>;
  /** short aliases: { m: 'message' } */
  readonly aliases?: Record<string, string>;
}


/** The one positional argument of a command; a CONFIG error saying `message` when there is none or more than one. */
export function onePositional(args: ParsedArgs, message: string): string {
  const [only, ...extra] = args.positional;
  if (!only || extra.length > 0) throw new FasError('CONFIG', message);
  return only;
}

/** Thrown by parseArgs on --help / -h: main.ts prints the command's help from the spec. */
export class HelpRequested extends Error {
  constructor(readonly spec: ArgSpec, readonly command: string) {
    super(`help for fas ${command}`);
  }
}

/** A small, strict flag parser: unknown flags are errors (with the closest known flag). */
export function parseArgs(argv: readonly string[], spec: ArgSpec, command: string): ParsedArgs {
  const end = argv.indexOf('--');
  if (argv.slice(0, end < 0 ? argv.length : end).some((a) => a === '--help' || a === '-h')) throw new HelpRequested(spec, command);
  const flags: Record<string, string | boolean | string[] | undefined> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a.length > 1 && !/^-\d+$/.test(a)) {
      let name = a.replace(/^--?/, '');
      let value: string | undefined;
      const eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.slice(eq + 1);
        name = name.slice(0, eq);
      }
      name = spec.aliases?.[name] ?? name;
      const kind = spec.flags[name];
      if (!kind) {
        const known = [...Object.keys(spec.flags).map((f) => `--${f}`), ...Object.keys(spec.aliases ?? {}).map((f) => `-${f}`)];
        throw new FasError('CONFIG', `fas ${command}: unknown option ${a}${didYouMean(a.split('=')[0]!, known)} (see fas ${command} --help)`);
      }
      if (kind === 'boolean') {
        flags[name] = true;
        continue;
      }
      if (value === undefined) {
        value = argv[++i];
        if (value === undefined) throw new FasError('CONFIG', `fas ${command}: option --${name} needs a value`);
      }
      if (kind === 'repeat') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
      else flags[name] = value;
    } else positional.push(a);
  }
  return { flags, positional };
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, what: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new FasError('CONFIG', `${what} must be one of ${allowed.join(', ')}; got ${value}`);
}
