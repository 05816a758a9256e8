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

/** Parse a step comment line; throws StepSyntaxError with a 1-based column. */
export function parseStepComment(line: string, defaults?: StepDefaults): { n: number; meta: StepMeta } {
  let i = STEP_PREFIX.length;
  const fail = (msg: string): never => {
    throw new StepSyntaxError(msg, i + 1);
  };
  const numStart = i;
  while (i < line.length && line[i]! >= '0' && line[i]! <= '9') i++;
  if (i === numStart) fail('step comment needs a number');
  const n = Number(line.slice(numStart, i));
  if (line[i] !== ':') fail("expected ':' after the step number");
  i++;
  const spaces = () => {
    while (line[i] === ' ' || line[i] === '\t') i++;
  };
  const word = (): string => {
    spaces();
    const s = i;
    while (i < line.length && /[A-Za-z_-]/.test(line[i]!)) i++;
    if (s === i) fail('expected a word');
    return line.slice(s, i);
  };
  const jsonString = (): string => {
    spaces();
    if (line[i] !== '"') fail('expected a "quoted" string');
    const s = i++;
    while (i < line.length && line[i] !== '"') i += line[i] === '\\' ? 2 : 1;
    if (i >= line.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(line.slice(s, i)) as string;
    } catch {
      return fail('bad string escape');
    }
  };
  const millis = (): number => {
    spaces();
    const s = i;
    while (i < line.length && line[i]! >= '0' && line[i]! <= '9') i++;
    if (s === i || line.slice(i, i + 2) !== 'ms') fail('expected a duration like 3000ms');
    const v = Number(line.slice(s, i));
    i += 2;
    return v;
  };
  let source: string | undefined;
  let transactional = true;
  let lock: number | undefined;
  let stmt: number | undefined;
  const hazards: Hazard[] = [];
  for (;;) {
    const key = word();
    switch (key) {
      case 'source':
        source = jsonString();
        break;
      case 'non-transactional':
        transactional = false;
        break;
      case 'lock_timeout':
        lock = millis();
        break;
      case 'statement_timeout':
        stmt = millis();
        break;
      case 'hazard': {
        const type = word();
        if (!(HAZARD_TYPES as readonly string[]).includes(type)) fail(`unknown hazard type ${type}`);
        hazards.push({ type: type as HazardType, message: jsonString() });
        break;
      }
      default:
        fail(`unknown step item ${key}`);
    }
    spaces();
    if (i >= line.length) break;
    if (line[i] !== ',') fail("expected ',' between step items");
    i++;
  }
  lock ??= defaults?.lockTimeoutMs;
  stmt ??= defaults?.statementTimeoutMs;
  if (source === undefined) fail('step comment lacks source');
  if (lock === undefined) fail('step comment lacks lock_timeout (and the header states no default)');
  if (stmt === undefined) fail('step comment lacks statement_timeout (and the header states no default)');
  return { n, meta: { source: source!, transactional, lockTimeoutMs: lock!, statementTimeoutMs: stmt!, hazards } };
}
