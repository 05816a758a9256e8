/**
 * Lint hand-written Alembic revisions: every op.execute(...) whose string
 * holds more than one SQL statement fails under asyncpg with "cannot insert
 * multiple commands into a prepared statement". Strings fas cannot evaluate
 * (f-strings, concatenation, variables) are warnings, never skipped silently.
 */
import { SqlSyntaxError, splitStatements } from '../sql/parser.js';
import type { LintFinding } from './lint-finding.js';
import { PyEvalError, PyTokenError, decodePyString, tokenizePython, type PyToken } from './python-tokens.js';
import { unescapeTextClause } from './sqlalchemy-text.js';

type Evaluated = { ok: true; value: string } | { ok: false; why: string };

function isOp(t: PyToken | undefined, v: string): boolean {
  return t !== undefined && t.kind === 'op' && t.value === v;
}

/** The tokens of a call's arguments, from the token after '(' to its matching ')'. Returns the args split at top-level commas, and the index after ')'. */
function callArgs(tokens: readonly PyToken[], open: number): { args: PyToken[][]; end: number } | null {
  const args: PyToken[][] = [[]];
  let depth = 0;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'op' && ['(', '[', '{'].includes(t.value)) depth++;
    if (t.kind === 'op' && [')', ']', '}'].includes(t.value)) {
      if (depth === 0) return { args: args.filter((a, k) => a.length > 0 || k < args.length - 1), end: i + 1 };
      depth--;
    }
    if (depth === 0 && isOp(t, ',')) args.push([]);
    else args[args.length - 1]!.push(t);
  }
  return null;
}

function evaluate(arg: readonly PyToken[]): Evaluated {
  let expr = arg;
  if (expr.length >= 2 && expr[0]!.kind === 'name' && isOp(expr[1], '=')) expr = expr.slice(2); // sqltext=...
  // text("...") / sa.text("...") / sqlalchemy.text("...")
  let k = 0;
  while (k + 1 < expr.length && expr[k]!.kind === 'name' && isOp(expr[k + 1], '.')) k += 2;
  const callee = expr[k];
  if (callee?.kind === 'name' && callee.value === 'text' && isOp(expr[k + 1], '(')) {
    const inner = callArgs(expr, k + 1);
    if (inner && inner.end === expr.length && inner.args.length >= 1) return evaluate(inner.args[0]!);
  }
  if (expr.length > 0 && expr.every((t) => t.kind === 'string')) {
    try {
      return { ok: true, value: expr.map((t) => decodePyString(t as Extract<PyToken, { kind: 'string' }>)).join('') };
    } catch (e) {
      if (e instanceof PyEvalError) return { ok: false, why: `its string is ${e.message}, which fas cannot evaluate` };
      throw e;
    }
  }
  if (expr.some((t) => t.kind === 'string')) return { ok: false, why: 'its SQL is built at run time (concatenation, formatting or an f-string)' };
  return { ok: false, why: 'its argument is not a string literal' };
}

export async function lintPythonSource(file: string, source: string): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  let tokens: PyToken[];
  try {
    tokens = tokenizePython(source);
  } catch (e) {
    if (e instanceof PyTokenError) return [{ file, line: e.line, column: e.column, severity: 'error', rule: 'python-syntax', message: e.message }];
    throw e;
  }
  for (let i = 0; i + 3 < tokens.length; i++) {
    const t = tokens[i]!;
    const name = tokens[i + 2]!;
    if (!(t.kind === 'name' && t.value === 'op' && isOp(tokens[i + 1], '.') && name.kind === 'name' && name.value === 'execute' && isOp(tokens[i + 3], '('))) continue;
    if (isOp(tokens[i - 1], '.')) continue; // x.op.execute: not Alembic's op
    const at = { file, line: t.line, column: t.column };
    const call = callArgs(tokens, i + 3);
    if (!call || call.args.length === 0) {
      findings.push({ ...at, severity: 'warning', rule: 'not-checkable', message: 'op.execute() without an argument fas can read' });
      continue;
    }
    const ev = evaluate(call.args[0]!);
    if (!ev.ok) {
      findings.push({ ...at, severity: 'warning', rule: 'not-checkable', message: `op.execute not checked: ${ev.why}; make it one literal statement` });
      continue;
    }
    const sql = unescapeTextClause(ev.value);
    try {
      const stmts = await splitStatements(sql);
      if (stmts.length === 0) {
        findings.push({ ...at, severity: 'warning', rule: 'empty-sql', message: 'op.execute holds no SQL statement' });
      } else if (stmts.length > 1) {
        const second = stmts[1]!;
        findings.push({
          ...at,
          severity: 'error',
          rule: 'multiple-statements',
          message:
            `op.execute holds ${stmts.length} SQL statements (the 2nd starts at line ${second.line} of the string: ${JSON.stringify(second.sql.slice(0, 40))}); ` +
            'asyncpg rejects it with "cannot insert multiple commands into a prepared statement": use one op.execute per statement',
        });
      }
    } catch (e) {
      if (!(e instanceof SqlSyntaxError)) throw e;
      findings.push({ ...at, severity: 'error', rule: 'sql-syntax', message: `the SQL of op.execute does not parse (line ${e.line}, column ${e.column} of the string): ${e.message}` });
    }
  }
  return findings;
}
