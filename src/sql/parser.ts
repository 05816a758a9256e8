/**
 * The real PostgreSQL 18 parser (libpg-query, WASM). Locations it reports are
 * UTF-8 byte offsets, so slicing happens on a Buffer.
 */
import { parse, type ParseResult } from 'libpg-query';

export interface ParsedStatement {
  /** The statement text, trimmed, without its trailing semicolon. */
  readonly sql: string;
  /** The parse tree of this statement: { CreateStmt: {...} } etc. */
  readonly node: Record<string, unknown>;
  /** The node type, e.g. "CreateStmt", "ViewStmt". */
  readonly nodeType: string;
  /** 1-based line and column where the statement starts in the input. */
  readonly line: number;
  readonly column: number;
  /** Byte range of the raw statement in the input (including leading comments). */
  readonly rawStart: number;
  readonly rawEnd: number;
  /** Byte offset of the statement's first code byte (after leading comments). */
  readonly codeStart: number;
}

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * Line and column (1-based; the column counts UTF-16 units of the decoded line) of a byte offset.
 * Line starts are found once per buffer: decoding the whole prefix for every statement made
 * splitting a file of n statements cost O(n x size) (minutes for a 3,000-table revision).
 */
function lineLocator(buf: Buffer): (byteOffset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) starts.push(i + 1);
  return (byteOffset) => {
    const at = Math.max(0, Math.min(byteOffset, buf.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: buf.subarray(starts[lo]!, at).toString('utf8').length + 1 };
  };
}

function lineCol(buf: Buffer, byteOffset: number): { line: number; column: number } {
  return lineLocator(buf)(byteOffset);
}

/** Skip whitespace and comments from a byte offset; returns the first code byte. */
function skipTrivia(buf: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = buf[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else if (c === 0x2d && buf[i + 1] === 0x2d) {
      while (i < end && buf[i] !== 0x0a) i++;
    } else if (c === 0x2f && buf[i + 1] === 0x2a) {
      let depth = 1;
      i += 2;
      while (i < end && depth > 0) {
        if (buf[i] === 0x2f && buf[i + 1] === 0x2a) {
          depth++;
          i += 2;
        } else if (buf[i] === 0x2a && buf[i + 1] === 0x2f) {
          depth--;
          i += 2;
        } else i++;
      }
    } else break;
  }
  return i;
}

/** Split SQL text into statements with the real parser. Throws SqlSyntaxError with line:column. */
export async function splitStatements(text: string): Promise<ParsedStatement[]> {
  const buf = Buffer.from(text, 'utf8');
  let result: ParseResult;
  try {
    result = await parse(text);
  } catch (e) {
    const err = e as { message?: string; sqlDetails?: { cursorPosition?: number } };
    const pos = err.sqlDetails?.cursorPosition ?? 0;
    const { line, column } = lineCol(buf, pos);
    throw new SqlSyntaxError(err.message ?? String(e), line, column);
  }
  const out: ParsedStatement[] = [];
  const locate = lineLocator(buf);
  for (const raw of result.stmts ?? []) {
    const rawStart = raw.stmt_location ?? 0;
    const rawEnd = raw.stmt_len ? rawStart + raw.stmt_len : buf.length;
    const codeStart = skipTrivia(buf, rawStart, rawEnd);
    const sql = buf.subarray(codeStart, rawEnd).toString('utf8').trim().replace(/;\s*$/, '');
    const node = raw.stmt as unknown as Record<string, unknown>;
    const nodeType = Object.keys(node)[0] ?? 'Unknown';
    const { line, column } = locate(codeStart);
    out.push({ sql, node: node[nodeType] as Record<string, unknown>, nodeType, line, column, rawStart, rawEnd, codeStart });
  }
  return out;
}

/** Parse one statement; throws unless the text holds exactly one. */
export async function parseSingle(sql: string): Promise<ParsedStatement> {
  const stmts = await splitStatements(sql);
  if (stmts.length !== 1) throw new SqlSyntaxError(`expected exactly one statement, found ${stmts.length}`, 1, 1);
  return stmts[0]!;
}
