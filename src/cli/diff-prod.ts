/**
 * fas diff --prod: production drift. Production (FAS_PROD_DATABASE_URL or
 * --prod-url) is read in a read-only session (default_transaction_read_only,
 * a READ ONLY REPEATABLE READ transaction, a short statement_timeout) and
 * compared with schema/ (or --to SRC), which is normalized on the dev or the
 * embedded server, never on production. Also reports where production stands
 * in the revision chain of generated-migrations/ (or --dir).
 */
import type { Io, Outcome } from './command.js';
import { str, type ParsedArgs } from './args.js';
import type { Catalog } from '../catalog/model.js';
import { withoutBookkeeping } from '../catalog/bookkeeping.js';
import { isDatabaseUrl, scratchServer, type Environment } from '../engine/environment.js';
import { readDatabase, readFiles, sourceKind } from '../engine/read-source.js';
import type { Scope } from '../diff/scope.js';
import { unsupportedIn } from '../diff/diff.js';
import { planChanges } from '../plan/planner.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { planJson, renderSql, renderText } from '../report/render-plan.js';
import { renderSqlWithTimeouts } from '../report/sql-with-timeouts.js';
import { introspect } from '../introspect/read.js';
import { readDbState, type DbState } from '../apply/history-store.js';
import { chainStatus, type ChainStatus } from '../apply/status.js';
import { revisionDir } from '../apply/options.js';
import { readRevisionDir } from '../revisions/chain.js';
import { databaseName, endpoint, withClient } from '../util/db.js';
import { maskUrl } from '../util/mask.js';
import { FasError } from '../util/errors.js';

/** Production reads must never hang: every statement of the session is cut off after this. */
export const PROD_STATEMENT_TIMEOUT_MS = 30_000;
export const PROD_APPLICATION_NAME = 'fas diff --prod';

/** The table Alembic keeps its head in; bookkeeping, never part of a diff (DESIGN.md, Files). */

export function prodUrlFrom(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  const url = str(args, 'prod-url') ?? (env.FAS_PROD_DATABASE_URL || undefined);
  if (!url) throw new FasError('CONFIG', 'fas diff --prod needs a production URL: set FAS_PROD_DATABASE_URL or pass --prod-url URL');
  if (!isDatabaseUrl(url)) throw new FasError('CONFIG', `the production URL must be a postgresql:// URI or libpq key=value pairs; got ${maskUrl(url)}`);
  return url;
}

/** Production's catalog and revision bookkeeping, in one read-only session. */
async function readProduction(url: string): Promise<{ catalog: Catalog; state: DbState }> {
  return withClient(url, { readOnly: true, statementTimeoutMs: PROD_STATEMENT_TIMEOUT_MS, applicationName: PROD_APPLICATION_NAME }, async (c) => {
    const catalog = await introspect(c);
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return { catalog, state: await readDbState(c) };
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
    }
  });
}

export interface RevisionReport {
  readonly directory: string;
  /** false when production has no fas history. */
  readonly tracked: boolean;
  readonly head: string | null;
  /** The applied head on production, null at base. */
  readonly current: string | null;
  readonly alembicVersion: readonly string[] | null;
  readonly behind: number;
  readonly pending: readonly { id: string; message: string; path: string }[];
  readonly unknown: readonly { id: string; message: string; appliedAt: string; appliedBy: string }[];
  readonly changed: readonly { id: string; path: string; appliedChecksum: string; fileChecksum: string }[];
  readonly problems: readonly string[];
  readonly upToDate: boolean;
}

export function revisionReport(dir: string, st: ChainStatus, db: DbState): RevisionReport {
  const pending = st.pending.map((r) => ({ id: r.id, message: r.message, path: r.path }));
  const unknown = st.unknown.map((u) => ({ id: u.revision, message: u.message, appliedAt: u.appliedAt, appliedBy: u.appliedBy }));
  const changed = st.changed.map((s) => ({ id: s.revision.id, path: s.revision.path, appliedChecksum: s.applied!.checksum, fileChecksum: s.revision.actualChecksum }));
  return {
    directory: dir,
    tracked: db.tracked,
    head: st.chain.head,
    current: st.current,
    alembicVersion: db.alembicVersion ?? null,
    behind: pending.length,
    pending,
    unknown,
    changed,
    problems: st.inconsistencies,
    upToDate: pending.length === 0 && unknown.length === 0 && changed.length === 0 && st.inconsistencies.length === 0,
  };
}

export function renderRevisionText(r: RevisionReport): string {
  const lines = ['', 'Revisions'];
  lines.push(`  directory: ${r.directory}`);
  lines.push(`  head: ${r.head ?? '(no revisions)'}`);
  lines.push(`  production: ${r.current ?? 'base'}${r.tracked ? '' : ' (no fas history)'}${r.alembicVersion ? `; alembic_version ${r.alembicVersion.length ? r.alembicVersion.join(', ') : '(empty)'}` : ''}`);
  if (r.behind === 0) lines.push('  up to date with the files' + (r.upToDate ? '' : ', but see below'));
  else {
    lines.push(`  ${r.behind} revision(s) behind:`);
    for (const p of r.pending) lines.push(`    > ${p.id} ${p.message}`);
  }
  for (const u of r.unknown) lines.push(`  ! unknown revision ${u.id} ${JSON.stringify(u.message)} applied ${u.appliedAt} by ${u.appliedBy}: no file in the revision directory`);
  for (const c of r.changed) lines.push(`  ! ${c.path}: revision ${c.id} was applied with ${c.appliedChecksum}; the file is now ${c.fileChecksum}`);
  for (const p of r.problems) lines.push(`  ! ${p}`);
  return lines.join('\n') + '\n';
}

function revisionSummary(r: RevisionReport): string[] {
  const out: string[] = [];
  if (r.behind) out.push(`production is ${r.behind} revision(s) behind head ${r.head}: ${r.pending.map((p) => p.id).join(', ')}`);
  for (const u of r.unknown) out.push(`production has applied revision ${u.id} that no file knows`);
  for (const c of r.changed) out.push(`revision file ${c.path} changed since it was applied to production`);
  for (const p of r.problems) out.push(p);
  return out;
}

export async function prodDriftReport(args: ParsedArgs, io: Io, e: Environment, format: string, scope: Scope): Promise<Outcome> {
  if (str(args, 'from') !== undefined) throw new FasError('CONFIG', '--from cannot be combined with --prod: production is the FROM side');
  const prodUrl = prodUrlFrom(args, io.env);
  const toSrc = str(args, 'to') ?? 'schema';
  const to = sourceKind(toSrc, e.cwd);
  const dir = revisionDir(args, e.cwd);
  const chain = await readRevisionDir(dir);
  e.log(`fas: reading production ${endpoint(prodUrl)}/${databaseName(prodUrl)} read-only`);

  // Production first: an unreachable server fails fast, before any scratch server starts.
  const prod = await readProduction(prodUrl);
  let desired: Catalog;
  if (to.kind === 'url') desired = await readDatabase(to.url, { readOnly: true, applicationName: 'fas diff' });
  else {
    // Never on production: the dev server or the embedded one; warns when the major versions differ.
    const server = await scratchServer(e, { near: prodUrl, allowNear: false });
    desired = await readFiles(to.path, server);
  }

  const current = withoutBookkeeping(prod.catalog);
  desired = withoutBookkeeping(desired);
  const plan = planChanges(current, desired, scope);
  await checkSingleStatements(plan.statements);
  const unsupported = [...unsupportedIn(current, scope), ...unsupportedIn(desired, scope)];
  const revisions = revisionReport(dir, chainStatus(chain, prod.state), prod.state);
  const same = plan.changes.length === 0 && unsupported.length === 0;

  if (format === 'json') {
    const doc = {
      production: { url: maskUrl(prodUrl), serverVersion: prod.catalog.serverVersion },
      drift: planJson(plan.changes, plan.statements, unsupported),
      revisions,
      same,
    };
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else if (format === 'sql') {
    io.stdout(renderSqlWithTimeouts(plan.statements));
    for (const m of revisionSummary(revisions)) e.log(`fas: ${m}`);
  } else {
    io.stdout(`Production ${maskUrl(prodUrl)} against ${toSrc}\n\n`);
    io.stdout(plan.changes.length || unsupported.length ? renderText(plan.changes, plan.statements, unsupported) : 'No drift: production matches the declared schema.\n');
    io.stdout(renderRevisionText(revisions));
  }
  if (unsupported.length && format !== 'text')
    e.log(unsupported.map((u) => `fas: warning: unsupported ${u.objectType} ${u.schema ? u.schema + '.' : ''}${u.name} is not compared`).join('\n'));
  return same && revisions.upToDate ? 'ok' : 'findings';
}
