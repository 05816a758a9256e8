/**
 * Loading ordered statements into a scratch database.
 *
 * On a server the user gave (--dev-url, the target's own server) the given
 * role runs them all, in transactions of `batch` statements.
 *
 * On a server fas controls (the embedded PostgreSQL) a role without superuser,
 * owner of the scratch database (src/scratch/loader-role.ts), runs them: what a
 * schema file's code may do while loading (a function called by a partition
 * bound or a column default) is bounded by that role's rights. The statements
 * it cannot run and that execute no code from the files run as the server's
 * superuser (SourceStatement.privileged): CREATE EXTENSION in its place in the
 * order; ownership changes, default privileges, comments on extensions, and
 * grants and comments on objects the loader does not own (an extension's)
 * after the loader is done. Then everything the loader made is reassigned to
 * the superuser, so the catalog reads as if that role had run the files (as it
 * did before: default privileges without FOR ROLE are its own).
 */
import type pg from 'pg';
import { connect } from '../util/db.js';
import { FasError, formatLocation } from '../util/errors.js';
import { ident } from '../sql/quote.js';
import { runStatement } from './run.js';
import type { SourceStatement } from './types.js';

export interface LoadOptions {
  /** On a server fas controls: the loader role and the scratch database's URL as that role. */
  readonly loader?: { readonly role: string; readonly url: string };
  /** Statements per transaction: few commits, bounded lock table use. */
  readonly batch: number;
  readonly statementTimeoutMs: number;
}

/** `admin` is connected to the scratch database as the server's given role. */
export async function loadIntoScratch(admin: pg.Client, statements: readonly SourceStatement[], opts: LoadOptions): Promise<void> {
  await admin.query('SET synchronous_commit = off');
  if (!opts.loader) return inBatches(admin, statements, opts.batch);
  const later = await runAsLoader(admin, statements, opts.loader.url, opts);
  // the loader is done: what it made becomes the given role's, as if that role had run the files
  await admin.query(`REASSIGN OWNED BY ${ident(opts.loader.role)} TO CURRENT_USER`);
  await admin.query(`DROP OWNED BY ${ident(opts.loader.role)}`);
  await inBatches(admin, later, opts.batch);
}

async function inBatches(c: pg.Client, statements: readonly SourceStatement[], batch: number): Promise<void> {
  for (let i = 0; i < statements.length; i += batch) {
    await c.query('BEGIN');
    try {
      for (const s of statements.slice(i, i + batch)) await runStatement(c, s);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }
}

const INSUFFICIENT_PRIVILEGE = '42501';
/** Warnings of a GRANT / REVOKE that granted or revoked nothing (not the object's owner). */
const NOTHING_DONE = new Set(['01007', '01006']);

const sqlState = (e: unknown): string | undefined => (e instanceof FasError ? (e.cause as { code?: string } | undefined)?.code : undefined);

/** Run the statements as the loader; returns those to run as the superuser afterwards. */
async function runAsLoader(admin: pg.Client, statements: readonly SourceStatement[], url: string, opts: LoadOptions): Promise<SourceStatement[]> {
  const later: SourceStatement[] = [];
  const c = await connect(url, { applicationName: 'fas scratch loader', statementTimeoutMs: opts.statementTimeoutMs });
  let nothingDone = false;
  c.on('notice', (m: { code?: string }) => void (nothingDone ||= NOTHING_DONE.has(m.code ?? '')));
  let open = 0;
  const commit = async () => {
    if (open) await c.query('COMMIT');
    open = 0;
  };
  /** A grant or comment the loader may not make: undone, and left for the superuser. */
  const asOwner = async (s: SourceStatement): Promise<boolean> => {
    await c.query('SAVEPOINT fas_as_owner');
    nothingDone = false;
    try {
      await runStatement(c, s);
    } catch (e) {
      if (sqlState(e) !== INSUFFICIENT_PRIVILEGE) throw e;
      nothingDone = true;
    }
    await c.query(nothingDone ? 'ROLLBACK TO SAVEPOINT fas_as_owner' : 'RELEASE SAVEPOINT fas_as_owner');
    return !nothingDone;
  };
  try {
    await c.query('SET synchronous_commit = off');
    for (const s of statements) {
      if (s.privileged === 'after') later.push(s);
      else if (s.privileged === 'connects') throw connects(s);
      else if (s.privileged === 'extension') {
        await commit(); // the superuser's connection sees what the loader made so far
        await runStatement(admin, s);
      } else {
        if (!open) await c.query('BEGIN');
        open++;
        if (s.privileged !== 'fallback') await runStatement(c, s);
        else if (!(await asOwner(s))) later.push(s);
        if (open >= opts.batch) await commit();
      }
    }
    await commit();
  } catch (e) {
    if (open) await c.query('ROLLBACK').catch(() => undefined);
    throw sqlState(e) === INSUFFICIENT_PRIVILEGE ? needsSuperuser(e as FasError) : e;
  } finally {
    await c.end().catch(() => undefined);
  }
  return later;
}

function needsSuperuser(e: FasError): FasError {
  return new FasError(
    'FORBIDDEN_STATEMENT',
    `${e.message}\n  schema files are loaded on the embedded PostgreSQL by a role without superuser: a declaration may not need more (docs/schema-format.md, "Allowed statements")`,
    { cause: e.cause, location: e.location },
  );
}

function connects(s: SourceStatement): FasError {
  const loc = { file: s.file, line: s.line, column: s.column };
  return new FasError(
    'FORBIDDEN_STATEMENT',
    `${formatLocation(loc)}: ${s.sql.split('\n')[0]}: on the embedded PostgreSQL, whose superuser's password is known, this extension would let code of the schema files connect back as the superuser while loading; load these files on a server you give with --dev-url`,
    { location: loc },
  );
}
