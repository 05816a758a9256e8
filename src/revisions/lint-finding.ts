/** One problem lint found, at file:line:col. */
export interface LintFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  /** A stable name: multiple-statements, sql-syntax, not-checkable, empty-sql, python-syntax, revision-format, chain, checksum. */
  readonly rule: string;
  readonly message: string;
}

export function formatFinding(f: LintFinding): string {
  return `${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.rule}]`;
}

export function sortFindings(fs: readonly LintFinding[]): LintFinding[] {
  return [...fs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}
