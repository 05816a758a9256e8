/**
 * The comment line before each statement of a revision file, carrying the
 * statement's metadata in a readable, exactly parseable form:
 *
 *   -- step 2: source "create index app.t_a_idx", non-transactional, lock_timeout 3000ms, statement_timeout 600000ms, hazard INDEX_BUILD "builds index ..."
 *
 * The timeouts are left out when they equal the defaults of the file's header
 * (`-- timeouts: lock_timeout 3000ms, statement_timeout 600000ms`).
 *
 * Free text (source, hazard messages) is a JSON string, so any character round-trips on one line.
 */
import type { Statement } from '../plan/statement.js';
import { HAZARD_TYPES, type Hazard, type HazardType } from '../plan/hazards.js';

export type StepMeta = Omit<Statement, 'sql'>;

const STEP_PREFIX = '-- step ';

/** The timeouts a revision's header states once; a step names its own only where they differ. */
export interface StepDefaults {
  readonly lockTimeoutMs: number;
  readonly statementTimeoutMs: number;
}

export function renderStepComment(n: number, s: StepMeta, defaults?: StepDefaults): string {
  const items = [`source ${JSON.stringify(s.source)}`];
  if (!s.transactional) items.push('non-transactional');
  if (s.lockTimeoutMs !== defaults?.lockTimeoutMs) items.push(`lock_timeout ${s.lockTimeoutMs}ms`);
  if (s.statementTimeoutMs !== defaults?.statementTimeoutMs) items.push(`statement_timeout ${s.statementTimeoutMs}ms`);
  // each hazard on a line of its own, so that the comment stays readable: a line ending in ',' continues
  const hazards = s.hazards.map((h) => `hazard ${h.type} ${JSON.stringify(h.message)}`);
  return `${STEP_PREFIX}${n}: ${items.join(', ')}` + hazards.map((h) => `,\n${CONTINUATION_PREFIX}${h}`).join('');
}

/** A step comment line that ends in ',' continues on the next line, which starts with this. */
export const CONTINUATION_PREFIX = '--   ';

export function isStepComment(line: string): boolean {
  return line.startsWith(STEP_PREFIX);
}

export class StepSyntaxError extends Error {
  constructor(message: string, readonly column: number) {
    super(message);
  }
}

/** A position in a step comment line, and the tokens the line is made of. */
class StepCursor {
  constructor(
    readonly line: string,
    public i: number,
  ) {}

  fail(msg: string): never {
    throw new StepSyntaxError(msg, this.i + 1);
  }

  get done(): boolean {
    return this.i >= this.line.length;
  }

  /** Expect `ch` here and step over it. */
  expect(ch: string, msg: string): void {
    if (this.line[this.i] !== ch) this.fail(msg);
    this.i++;
  }

  spaces(): void {
    while (this.line[this.i] === ' ' || this.line[this.i] === '\t') this.i++;
  }

  /** The digits from here ('' when there are none). */
  digits(): string {
    const s = this.i;
    while (this.i < this.line.length && this.line[this.i]! >= '0' && this.line[this.i]! <= '9') this.i++;
    return this.line.slice(s, this.i);
  }

  word(): string {
    this.spaces();
    const s = this.i;
    while (this.i < this.line.length && /[A-Za-z_-]/.test(this.line[this.i]!)) this.i++;
    if (s === this.i) this.fail('expected a word');
    return this.line.slice(s, this.i);
  }

  jsonString(): string {
    this.spaces();
    if (this.line[this.i] !== '"') this.fail('expected a "quoted" string');
    const s = this.i++;
    while (this.i < this.line.length && this.line[this.i] !== '"') this.i += this.line[this.i] === '\\' ? 2 : 1;
    if (this.done) this.fail('unterminated string');
    this.i++;
    try {
      return JSON.parse(this.line.slice(s, this.i)) as string;
    } catch {
      return this.fail('bad string escape');
    }
  }

  millis(): number {
    this.spaces();
    const d = this.digits();
    if (d === '' || this.line.slice(this.i, this.i + 2) !== 'ms') this.fail('expected a duration like 3000ms');
    this.i += 2;
    return Number(d);
  }
}

interface StepItems {
  source?: string;
  transactional: boolean;
  lock?: number;
  stmt?: number;
  hazards: Hazard[];
}

/** The comma-separated items after 'step N:'. */
function readItems(c: StepCursor): StepItems {
  const items: StepItems = { transactional: true, hazards: [] };
  for (;;) {
    const key = c.word();
    switch (key) {
      case 'source':
        items.source = c.jsonString();
        break;
      case 'non-transactional':
        items.transactional = false;
        break;
      case 'lock_timeout':
        items.lock = c.millis();
        break;
      case 'statement_timeout':
        items.stmt = c.millis();
        break;
      case 'hazard': {
        const type = c.word();
        if (!(HAZARD_TYPES as readonly string[]).includes(type)) c.fail(`unknown hazard type ${type}`);
        items.hazards.push({ type: type as HazardType, message: c.jsonString() });
        break;
      }
      default:
        c.fail(`unknown step item ${key}`);
    }
    c.spaces();
    if (c.done) return items;
    c.expect(',', "expected ',' between step items");
  }
}

/** Parse a step comment line; throws StepSyntaxError with a 1-based column. */
export function parseStepComment(line: string, defaults?: StepDefaults): { n: number; meta: StepMeta } {
  const c = new StepCursor(line, STEP_PREFIX.length);
  const digits = c.digits();
  if (digits === '') c.fail('step comment needs a number');
  const n = Number(digits);
  c.expect(':', "expected ':' after the step number");
  const { source, transactional, hazards, lock = defaults?.lockTimeoutMs, stmt = defaults?.statementTimeoutMs } = readItems(c);
  if (source === undefined) return c.fail('step comment lacks source');
  if (lock === undefined) return c.fail('step comment lacks lock_timeout (and the header states no default)');
  if (stmt === undefined) return c.fail('step comment lacks statement_timeout (and the header states no default)');
  return { n, meta: { source, transactional, lockTimeoutMs: lock, statementTimeoutMs: stmt, hazards } };
}
