/** Builds one generated statement while remembering which text came from where. */
import type { Loc, SourceSpan, SourceStatement } from './types.js';

export class SqlBuilder {
  private sql = '';
  private readonly spans: SourceSpan[] = [];

  /** Text fas wrote itself (keywords, quoted names). */
  add(text: string): this {
    this.sql += text;
    return this;
  }

  /** Text that stands for a value at `loc` in a source file. */
  from(loc: Loc, text: string): this {
    const start = this.sql.length;
    this.sql += text;
    this.spans.push({ start, end: this.sql.length, line: loc.line, column: loc.column });
    return this;
  }

  build(at: Loc): SourceStatement {
    return { sql: this.sql, file: at.file, line: at.line, column: at.column, spans: [...this.spans] };
  }
}
