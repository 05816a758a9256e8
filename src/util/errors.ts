/**
 * Typed errors with stable codes. Library code throws these; only the CLI
 * entry (src/cli/main.ts) turns them into messages and exit codes.
 */
export type ErrorCode =
  | 'CONNECT' // server unreachable / auth failed
  | 'CONFIG' // bad flags, env, missing files
  | 'YAML' // malformed or invalid YAML
  | 'SQL_SYNTAX' // parser error in a schema file
  | 'SQL_EXEC' // the server rejected a statement
  | 'DUPLICATE_OBJECT' // two files define one object
  | 'UNDECLARED_REFERENCE' // a reference to an object that is not declared
  | 'UNKNOWN_TYPE' // a column type that does not exist
  | 'VERIFY' // a plan did not verify in a scratch database
  | 'UNSUPPORTED' // a change fas cannot express safely
  | 'FORBIDDEN_STATEMENT' // a schema file holds a statement that is not a declaration
  | 'NAME_TOO_LONG' // an identifier longer than PostgreSQL's 63 bytes
  | 'REVISION' // revision files: garbage, broken chain, checksum
  | 'CHECKSUM' // refused: a revision file edited after fas sealed it (fas rehash re-seals a pending one)
  | 'HAZARD' // refused: hazards not allowed
  | 'LOCK' // advisory lock not obtained in time
  | 'DRIFT' // target drifted from revisions
  | 'REDIS' // redis check could not run
  | 'INTERNAL';

/** Where in a file something went wrong (1-based). */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export class FasError extends Error {
  readonly code: ErrorCode;
  readonly location?: SourceLocation;
  /** Exit status class: 'refused' maps to 1, everything else to 2. */
  readonly refused: boolean;

  constructor(code: ErrorCode, message: string, opts: { cause?: unknown; location?: SourceLocation; refused?: boolean } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'FasError';
    this.code = code;
    this.location = opts.location;
    this.refused = opts.refused ?? false;
  }
}

export function formatLocation(loc: SourceLocation): string {
  return [loc.file, loc.line, loc.column].filter((x) => x !== undefined).join(':');
}

/** Add short context at a layer: "planning materialized view x: <cause>". */
export function withContext<T>(context: string, fn: () => T): T {
  try {
    const r = fn();
    if (r instanceof Promise) {
      return r.catch((e: unknown) => {
        throw contextualize(context, e);
      }) as T;
    }
    return r;
  } catch (e) {
    throw contextualize(context, e);
  }
}

export function contextualize(context: string, e: unknown): FasError {
  if (e instanceof FasError) {
    return new FasError(e.code, `${context}: ${e.message}`, { cause: e.cause ?? e, location: e.location, refused: e.refused });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return new FasError('INTERNAL', `${context}: ${msg}`, { cause: e });
}
