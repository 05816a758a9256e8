/**
 * Read a revision file back. The header is read line by line (it is all
 * comments); the sections are split by the real parser, and each statement
 * is the text between its step comment and its ';'.
 */
import type { Statement } from '../plan/statement.js';
import { FasError } from '../util/errors.js';
import { SqlSyntaxError, parseSingle, splitStatements } from '../sql/parser.js';
import type { RevisionFile } from './types.js';
import { CHECKSUM_PREFIX, checksumOf } from './checksum.js';
import { isRevisionId } from './revision-id.js';
import { DOWNGRADE_MARKER, FILE_MARKER, TIMEOUTS_FIELD, UPGRADE_MARKER, parseTimeouts, trimEndAscii } from './render.js';
import type { StepDefaults } from './step-comment.js';
import { CONTINUATION_PREFIX, StepSyntaxError, isStepComment, parseStepComment } from './step-comment.js';

interface Line {
  readonly start: number; // byte offset
  readonly end: number; // byte offset of the '\n' (or buffer end)
  readonly text: string; // without '\n' and trailing '\r'
}

class Lines {
  private readonly starts: number[] = [0];
  constructor(readonly buf: Buffer) {
    for (let i = 0; i < buf.length; i++) if (buf[i] === 0x0a) this.starts.push(i + 1);
  }
  /** 1-based line and column of a byte offset. */
  pos(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = this.buf.subarray(this.starts[lo]!, offset).toString('utf8').length + 1;
    return { line: lo + 1, column };
  }
  at(start: number): Line {
    let end = this.buf.indexOf(0x0a, start);
    if (end < 0) end = this.buf.length;
    return { start, end, text: this.buf.subarray(start, end).toString('utf8').replace(/\r$/, '') };
  }
}

/** The file being read: its bytes, its lines, and the one way to fail at a position. */
interface Source {
  readonly path: string;
  readonly text: string;
  readonly buf: Buffer;
  readonly lines: Lines;
  fail(offset: number, msg: string, column?: number): never;
}

type HeaderField = { value: string; line: Line };

export async function parseRevisionFile(path: string, text: string): Promise<RevisionFile> {
  const buf = Buffer.from(text, 'utf8');
  const lines = new Lines(buf);
  const src: Source = {
    path,
    text,
    buf,
    lines,
    fail(offset, msg, column) {
      const p = lines.pos(offset);
      throw new FasError('REVISION', msg, { location: { file: path, line: p.line, column: column ?? p.column } });
    },
  };
  const { header, bodyStart } = readHeader(src);
  const h = headerFields(src, header);
  const sections = await readBody(src, bodyStart, h.defaults);
  return {
    path,
    id: h.id,
    parent: h.parent,
    message: h.message,
    created: h.created,
    upgrade: sections.upgrade,
    downgrade: sections.downgrade,
    checksum: h.checksum,
    actualChecksum: h.actualChecksum,
  };
}

/** Header: comment lines from the top down to '-- upgrade'. */
function readHeader(src: Source): { header: Map<string, HeaderField>; bodyStart: number } {
  const { buf, lines, fail } = src;
  const header = new Map<string, HeaderField>();
  let pos = 0;
  let seenMarker = false;
  let bodyStart = -1;
  while (pos <= buf.length && bodyStart < 0) {
    if (pos === buf.length) fail(pos, "missing the '-- upgrade' section");
    const line = lines.at(pos);
    const t = line.text.trim();
    if (t === '') {
      // blank
    } else if (!seenMarker) {
      if (t !== FILE_MARKER) fail(pos, `not a fas revision file: the first line must be '${FILE_MARKER}'`);
      seenMarker = true;
    } else if (t === UPGRADE_MARKER) {
      bodyStart = line.end + 1;
    } else if (line.text.startsWith('-- ') && line.text.includes(': ')) {
      const k = line.text.slice(3, line.text.indexOf(': '));
      if (header.has(k)) fail(pos, `header field ${k} appears twice`);
      header.set(k, { value: line.text.slice(line.text.indexOf(': ') + 2), line });
    } else fail(pos, `unexpected line in the header (expected '-- key: value' or '${UPGRADE_MARKER}')`);
    pos = line.end + 1;
  }
  return { header, bodyStart };
}

interface HeaderValues {
  readonly id: string;
  readonly parent: string | null;
  readonly message: string;
  readonly created: string;
  readonly checksum: string;
  /** The checksum of the file as it is (the header's own value left out). */
  readonly actualChecksum: string;
  /** The header's timeouts, for steps that do not state their own. */
  readonly defaults?: StepDefaults;
}

/** Each header field checked: the id, parent, message, checksum and timeouts, and no unknown field. */
function headerFields(src: Source, header: ReadonlyMap<string, HeaderField>): HeaderValues {
  const { buf, fail } = src;
  const field = (k: string): HeaderField => header.get(k) ?? fail(0, `the header lacks '-- ${k}:'`);
  const id = field('revision');
  if (!isRevisionId(id.value)) fail(id.line.start, `revision id ${JSON.stringify(id.value)} is not 12 lowercase hex digits`);
  const parent = field('parent');
  if (parent.value !== 'base' && !isRevisionId(parent.value)) fail(parent.line.start, `parent ${JSON.stringify(parent.value)} is neither 'base' nor a revision id`);
  const msg = field('message');
  let message: string;
  try {
    message = JSON.parse(msg.value) as string;
    if (typeof message !== 'string') throw new Error('not a string');
  } catch {
    return fail(msg.line.start, 'the message must be a "quoted" string');
  }
  const created = field('created').value;
  const sum = field('checksum');
  if (!sum.line.text.startsWith(CHECKSUM_PREFIX) || !/^sha256:[0-9a-f]{64}$/.test(sum.value)) {
    fail(sum.line.start, 'the checksum must read sha256:<64 hex digits>');
  }
  // optional (older files state the timeouts on every step)
  const timeouts = header.get(TIMEOUTS_FIELD);
  let defaults: StepDefaults | undefined;
  if (timeouts) defaults = parseTimeouts(timeouts.value) ?? fail(timeouts.line.start, `the timeouts must read 'lock_timeout <n>ms, statement_timeout <n>ms'`);
  for (const k of header.keys()) {
    if (!['revision', 'parent', 'message', 'created', 'checksum', TIMEOUTS_FIELD].includes(k)) fail(header.get(k)!.line.start, `unknown header field ${k}`);
  }
  const valueStart = sum.line.start + Buffer.byteLength(CHECKSUM_PREFIX);
  const actualChecksum = checksumOf(Buffer.concat([buf.subarray(0, valueStart), buf.subarray(sum.line.end)]));
  return { id: id.value, parent: parent.value === 'base' ? null : parent.value, message, created, checksum: sum.value, actualChecksum, defaults };
}

type Section = 'upgrade' | 'downgrade';
type Step = { sqlStart: number; n: number; meta: Omit<Statement, 'sql'> };

/** Body: statements split by the real parser, each after its step comment, in step order, one statement each. */
async function readBody(src: Source, bodyStart: number, defaults: StepDefaults | undefined): Promise<Record<Section, Statement[]>> {
  const { buf, fail } = src;
  let parsed;
  try {
    parsed = await splitStatements(src.text);
  } catch (e) {
    if (e instanceof SqlSyntaxError) {
      throw new FasError('REVISION', `SQL does not parse: ${e.message}`, { location: { file: src.path, line: e.line, column: e.column }, cause: e });
    }
    throw e;
  }
  const sections: Record<Section, Statement[]> = { upgrade: [], downgrade: [] };
  const gaps = new GapScanner(src, defaults);
  let gapStart = bodyStart;
  for (const st of parsed) {
    if (st.rawStart < bodyStart) fail(st.rawStart, "statement before the '-- upgrade' marker");
    const step = gaps.scan(gapStart, st.rawStart, true);
    if (!step) return fail(st.rawStart, "statement without its '-- step N:' comment");
    if (buf[st.rawEnd] !== 0x3b) fail(st.rawEnd, "statement does not end with ';'");
    const section = gaps.section;
    const list = sections[section];
    if (step.n !== list.length + 1) fail(step.sqlStart - 1, `${section} step ${step.n} out of order: expected step ${list.length + 1}`);
    const sql = trimEndAscii(buf.subarray(step.sqlStart, st.rawEnd).toString('utf8'));
    try {
      await parseSingle(sql);
    } catch (e) {
      fail(step.sqlStart, `${section} step ${step.n} is not exactly one statement: ${(e as Error).message}`);
    }
    list.push({ sql, ...step.meta });
    gapStart = st.rawEnd + 1;
  }
  gaps.scan(gapStart, buf.length, false);
  if (gaps.section !== 'downgrade') fail(buf.length, `missing the '${DOWNGRADE_MARKER}' section`);
  return sections;
}

/** The text between statements: blank lines, the downgrade marker (which switches the section), and step comments. */
class GapScanner {
  section: Section = 'upgrade';
  constructor(
    private readonly src: Source,
    private readonly defaults: StepDefaults | undefined,
  ) {}

  /** Scan the gap [from, to); returns the step comment that ends it (where its SQL starts), or null. */
  scan(from: number, to: number, wantStep: boolean): Step | null {
    const { lines, fail } = this.src;
    let p = from;
    while (p < to) {
      const line = lines.at(p);
      const t = line.text.trim();
      if (t === '') {
        // blank
      } else if (t === DOWNGRADE_MARKER) {
        if (this.section === 'downgrade') fail(p, `'${DOWNGRADE_MARKER}' appears twice`);
        this.section = 'downgrade';
      } else if (wantStep && isStepComment(line.text)) {
        return this.stepComment(line, to);
      } else if (t.startsWith('--')) {
        fail(p, `unexpected comment between statements: ${t.slice(0, 60)}`);
      } else {
        fail(p, wantStep ? "statement without its '-- step N:' comment" : 'unexpected text after the last statement');
      }
      p = line.end + 1;
    }
    return null;
  }

  /** A step comment; a line ending in ',' continues on the next line (one hazard each). */
  private stepComment(line: Line, to: number): Step {
    const { lines, fail } = this.src;
    let text = line.text;
    let last = line;
    while (text.endsWith(',')) {
      const next = lines.at(last.end + 1);
      if (last.end >= to || !next.text.startsWith(CONTINUATION_PREFIX)) fail(last.end + 1, `a step comment ending in ',' continues on a line starting with '${CONTINUATION_PREFIX}'`);
      text += ` ${next.text.slice(CONTINUATION_PREFIX.length)}`;
      last = next;
    }
    try {
      const { n, meta } = parseStepComment(text, this.defaults);
      return { sqlStart: last.end + 1, n, meta };
    } catch (e) {
      if (e instanceof StepSyntaxError) fail(line.start, `bad step comment: ${e.message}`, e.column);
      throw e;
    }
  }
}
