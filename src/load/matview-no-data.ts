/**
 * A materialized view's query would run while fas loads the schema into a
 * scratch database. fas creates every declared materialized view WITH NO DATA
 * there and keeps what the file declares (WITH DATA, the default, or WITH NO
 * DATA) beside the statement, so the desired catalog still says it.
 * The end of the statement is found with PostgreSQL's own lexer.
 */
import { scan } from 'libpg-query';

type Obj = Record<string, unknown>;

export interface DeclaredMatview {
  readonly schema: string;
  readonly name: string;
  readonly withData: boolean;
}

const COMMENTS = new Set(['SQL_COMMENT', 'C_COMMENT']);

/** For CREATE MATERIALIZED VIEW: the statement rewritten WITH NO DATA, and what it declared. */
export async function declaredMatview(nodeType: string, n: Obj, sql: string): Promise<{ sql: string; declared: DeclaredMatview } | undefined> {
  if (nodeType !== 'CreateTableAsStmt' || n.objtype !== 'OBJECT_MATVIEW') return undefined;
  const into = n.into as Obj;
  const rel = into.rel as Obj;
  const declared: DeclaredMatview = {
    schema: typeof rel.schemaname === 'string' ? rel.schemaname : 'public',
    name: String(rel.relname),
    withData: into.skipData !== true,
  };
  if (!declared.withData) return { sql, declared };
  const tokens = (await scan(sql)).tokens.filter((t) => !COMMENTS.has(t.tokenName));
  const [w, d] = tokens.slice(-2);
  const buf = Buffer.from(sql, 'utf8');
  const isKeyword = (t: typeof w, word: string) => t !== undefined && t.keywordKind !== 0 && t.text.toLowerCase() === word;
  if (isKeyword(w, 'with') && isKeyword(d, 'data')) {
    return { sql: buf.subarray(0, w!.start).toString('utf8') + 'WITH NO DATA' + buf.subarray(d!.end).toString('utf8'), declared };
  }
  return { sql: `${sql}\nWITH NO DATA`, declared };
}
