/** Parsed command-line flags, and typed reads of them: shared by src/cli/ and the option readers of other layers. */
export interface ParsedArgs {
  readonly flags: Record<string, string | boolean | string[] | undefined>;
  readonly positional: string[];
}

export function str(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function bool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true;
}

export function list(args: ParsedArgs, name: string): string[] {
  const v = args.flags[name];
  return Array.isArray(v) ? v : [];
}
