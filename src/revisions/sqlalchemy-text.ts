/**
 * op.execute("...") hands a str to SQLAlchemy's text(), which reads ':name' as
 * a bind parameter and turns '\:' back into ':'. These two functions mirror
 * that (sqlalchemy/sql/compiler.py BIND_PARAMS_ESC) so that exported files run
 * the exact SQL and lint checks the SQL the server will see.
 */
const ESCAPED_COLON = /\\(:[\p{L}\p{N}\p{M}_$]*)(?![:\p{L}\p{N}\p{M}_$])/gu;

/** The SQL text() sends for a Python string passed to op.execute. */
export function unescapeTextClause(s: string): string {
  return s.replace(ESCAPED_COLON, '$1');
}

/** A string that text() turns back into exactly `sql`: every ':' escaped, so none is a bind parameter. */
export function escapeForTextClause(sql: string): string {
  return sql.replaceAll(':', '\\:');
}
