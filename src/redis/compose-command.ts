/**
 * The redis-server flags of a compose service's `command`, string or list
 * form: `--save 3600 1 --save 300 100` collects both occurrences.
 */
export type ServerFlags = ReadonlyMap<string, readonly string[]>;

export function parseServerFlags(command: unknown): ServerFlags {
  const tokens = Array.isArray(command) ? command.map((t) => String(t)) : typeof command === 'string' ? shellSplit(command) : [];
  const flags = new Map<string, string[]>();
  let current: { name: string; values: string[] } | undefined;
  const close = () => {
    if (!current) return;
    flags.set(current.name, [...(flags.get(current.name) ?? []), current.values.join(' ')]);
    current = undefined;
  };
  for (const token of tokens) {
    if (token.startsWith('--') && token.length > 2) {
      close();
      current = { name: token.slice(2).toLowerCase(), values: [] };
    } else if (current) current.values.push(token);
    // tokens before the first flag: redis-server, a config file path
  }
  close();
  return flags;
}

/** The last value given for a flag (redis-server keeps the last one), or undefined. */
export function lastFlag(flags: ServerFlags, name: string): string | undefined {
  const all = flags.get(name);
  return all && all.length > 0 ? all[all.length - 1] : undefined;
}

/** A minimal POSIX-like split: whitespace, single and double quotes, backslash escapes. */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}
