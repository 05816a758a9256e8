/**
 * Python string literals for exported Alembic files. One-line text becomes
 * "..."; text with newlines becomes a readable """...""" literal. Backslashes
 * are doubled, quotes escaped where they could end the literal, control
 * characters and lone surrogates written as escapes, everything else as is
 * (Python source is UTF-8).
 */
function escapeChar(c: string): string | null {
  const code = c.codePointAt(0)!;
  switch (c) {
    case '\\':
      return '\\\\';
    case '\r':
      return '\\r'; // a raw CR in source would be read as a newline
    case '\t':
      return '\t';
  }
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return `\\u${code.toString(16).padStart(4, '0')}`; // lone surrogate
  return null;
}

export function pythonString(s: string): string {
  const multiline = s.includes('\n');
  let out = '';
  const chars = [...s]; // code points; lone surrogates stay single
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\n') {
      out += multiline ? '\n' : '\\n';
      continue;
    }
    if (c === '"') {
      // In "...", every quote ends the literal; in """...""", only a run of three or a quote at the end does.
      out += !multiline || chars[i + 1] === '"' || i === chars.length - 1 ? '\\"' : '"';
      continue;
    }
    out += escapeChar(c) ?? c;
  }
  return multiline ? `"""${out}"""` : `"${out}"`;
}
