/** A .sql schema file -> statements with their definitions and references. */
import { splitStatements, SqlSyntaxError } from '../sql/parser.js';
import { FasError, formatLocation } from '../util/errors.js';
import { refusal } from './allow-list.js';
import { analyzeStatement, collectRefs, type Locate } from './analyze.js';
import { declaredMatview } from './matview-no-data.js';
import { longIdentifier, nameTooLong } from './name-length.js';
import type { Loc, Use, Unit } from './types.js';
import { directiveRenames, readDirectives } from './rename-directives.js';
import { privilegedKind } from './privileged.js';

const REJECTED: Record<string, string> = {
  VariableSetStmt: 'SET changes the session and does not survive reordering; schema-qualify names instead',
  TransactionStmt: 'transaction control does not belong in schema files; fas runs statements itself',
};

/** Line/column of a UTF-8 byte offset in a buffer (1-based). */
export function byteLineCol(buf: Buffer, offset: number): { line: number; column: number } {
  const before = buf.subarray(0, Math.max(0, Math.min(offset, buf.length))).toString('utf8');
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** References inside a LANGUAGE sql body string: used for ordering only, never strict. */
export async function sqlBodyRefs(body: string, stmtLoc: Loc): Promise<Use[]> {
  try {
    const stmts = await splitStatements(body);
    return stmts.flatMap((s) => collectRefs(s.node, () => stmtLoc)).map((r) => ({ ...r, loc: stmtLoc, strict: false }));
  } catch {
    return [];
  }
}

/** File location of a byte offset inside a statement's text. */
function inStatement(s: { sql: string; line: number; column: number }, offset: number): Loc {
  const lc = byteLineCol(Buffer.from(s.sql, 'utf8'), offset);
  return lc.line === 1 ? { file: '', line: s.line, column: s.column + lc.column - 1 } : { file: '', line: s.line + lc.line - 1, column: lc.column };
}

export async function loadSqlFile(file: string, text: string): Promise<Unit[]> {
  const buf = Buffer.from(text, 'utf8');
  let stmts;
  try {
    stmts = await splitStatements(text);
  } catch (e) {
    if (e instanceof SqlSyntaxError) {
      const location = { file, line: e.line, column: e.column };
      throw new FasError('SQL_SYNTAX', `${file}:${e.line}:${e.column}: ${e.message}`, { location, cause: e });
    }
    throw e;
  }
  const units: Unit[] = [];
  let previousEnd = 0; // the comments right above a statement sit between the previous one and it
  for (const s of stmts) {
    const stmtLoc: Loc = { file, line: s.line, column: s.column };
    const rejected = REJECTED[s.nodeType];
    if (rejected) throw new FasError('UNSUPPORTED', `${file}:${s.line}:${s.column}: ${rejected}`, { location: stmtLoc });
    const locate: Locate = (offset) => (offset === undefined ? stmtLoc : { file, ...byteLineCol(buf, offset) });
    const refused = refusal(s.nodeType, s.node);
    if (refused) {
      const loc = locate(refused.at);
      throw new FasError('FORBIDDEN_STATEMENT', `${formatLocation(loc)}: ${refused.reason}`, { location: loc });
    }
    const long = await longIdentifier(s.sql);
    if (long) throw nameTooLong(long.name, { ...inStatement(s, long.at), file });
    const a = await analyzeStatement(s.nodeType, s.node, locate, stmtLoc, sqlBodyRefs);
    const start = byteLineCol(buf, previousEnd);
    const directives = readDirectives(buf.subarray(previousEnd, s.codeStart).toString('utf8'), file, start.line, start.column);
    previousEnd = s.rawEnd;
    const matview = await declaredMatview(s.nodeType, s.node, s.sql);
    const privileged = privilegedKind(s.nodeType, s.node);
    units.push({
      stmt: { sql: matview?.sql ?? s.sql, file, line: s.line, column: s.column, ...(matview && { matview: matview.declared }), ...(privileged && { privileged }) },
      priority: a.priority,
      defs: a.defs,
      refs: a.refs,
      modifies: a.modifies,
      consumer: a.consumer,
      ownSchemas: a.ownSchemas,
      renames: directiveRenames(s.nodeType, s.node, directives),
    });
  }
  return units;
}
