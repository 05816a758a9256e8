/**
 * A small tokenizer for Python source, enough to find calls and read their
 * string literals: names, operators, numbers and string literals (all prefixes,
 * single and triple quotes). Comments and line continuations are skipped.
 */
export interface PyString {
  readonly kind: 'string';
  readonly prefix: string; // lowercased: '', 'r', 'b', 'rb', 'f', 'rf', 'u', ...
  readonly body: string; // the characters between the quotes, undecoded
  readonly line: number;
  readonly column: number;
}

export interface PyOther {
  readonly kind: 'name' | 'op' | 'number';
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

export type PyToken = PyString | PyOther;

export class PyTokenError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

const STRING_PREFIXES = new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf', 't', 'tr', 'rt']);

export function tokenizePython(source: string): PyToken[] {
  const src = source.replace(/\r\n?/g, '\n');
  const out: PyToken[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const col = (at: number) => at - lineStart + 1;
  const isIdStart = (c: string) => /[\p{L}\p{Nl}_]/u.test(c);
  const isIdPart = (c: string) => /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_]/u.test(c);
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      i++;
      line++;
      lineStart = i;
    } else if (c === ' ' || c === '\t' || c === '\f') {
      i++;
    } else if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '"' || c === "'" || isIdStart(c)) {
      let j = i;
      if (c !== '"' && c !== "'") {
        while (j < src.length && isIdPart(src[j]!)) j++;
        const word = src.slice(i, j);
        if (!(STRING_PREFIXES.has(word.toLowerCase()) && (src[j] === '"' || src[j] === "'"))) {
          out.push({ kind: 'name', value: word, line, column: col(i) });
          i = j;
          continue;
        }
      }
      const prefix = src.slice(i, j).toLowerCase();
      const q = src[j]!;
      const triple = src.slice(j, j + 3) === q.repeat(3);
      const delim = triple ? q.repeat(3) : q;
      const startLine = line;
      const startCol = col(i);
      let k = j + delim.length;
      const bodyStart = k;
      for (;;) {
        if (k >= src.length) throw new PyTokenError('unterminated string literal', startLine, startCol);
        const d = src[k]!;
        if (d === '\\') {
          if (src[k + 1] === '\n') {
            line++;
            lineStart = k + 2;
          }
          k += 2;
        } else if (d === '\n') {
          if (!triple) throw new PyTokenError('unterminated string literal', startLine, startCol);
          k++;
          line++;
          lineStart = k;
        } else if (src.startsWith(delim, k)) break;
        else k++;
      }
      out.push({ kind: 'string', prefix, body: src.slice(bodyStart, k), line: startLine, column: startCol });
      i = k + delim.length;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < src.length && /[0-9A-Za-z_.]/.test(src[j]!)) j++;
      out.push({ kind: 'number', value: src.slice(i, j), line, column: col(i) });
      i = j;
    } else {
      const three = src.slice(i, i + 3);
      const two = src.slice(i, i + 2);
      const op = ['**=', '//=', '>>=', '<<=', '...'].includes(three)
        ? three
        : ['**', '//', '==', '!=', '<=', '>=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '<<', '>>'].includes(two)
          ? two
          : c;
      out.push({ kind: 'op', value: op, line, column: col(i) });
      i += op.length;
    }
  }
  return out;
}

export class PyEvalError extends Error {}

/** The value of a str literal (not bytes, not f-string): Python's escape rules. */
export function decodePyString(t: PyString): string {
  if (t.prefix.includes('b')) throw new PyEvalError('a bytes literal');
  if (t.prefix.includes('f') || t.prefix.includes('t')) throw new PyEvalError('an f-string');
  if (t.prefix.includes('r')) return t.body;
  let out = '';
  const b = t.body;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = b[++i];
    if (e === undefined) throw new PyEvalError('a trailing backslash');
    const simple: Record<string, string> = { '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (e in simple) {
      out += simple[e];
    } else if (/[0-7]/.test(e)) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(b[i + 1] ?? '')) digits += b[++i];
      out += String.fromCodePoint(parseInt(digits, 8));
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = b.slice(i + 1, i + 1 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new PyEvalError(`a bad \\${e} escape`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw new PyEvalError(`a bad \\${e} escape`);
      out += String.fromCodePoint(cp);
      i += n;
    } else if (e === 'N') {
      throw new PyEvalError('a \\N{...} escape');
    } else {
      out += '\\' + e;
    }
  }
  return out;
}
