/**
 * fas diff --prod as an engine function: production read in one read-only
 * session (default_transaction_read_only, READ ONLY REPEATABLE READ, a short
 * statement_timeout), compared with schema/ (or another source) normalized on
 * the dev or the embedded server, never on production; and where production
 * stands in the revision chain.
 */
import type { Catalog } from '../catalog/model.js';
import { withoutBookkeeping } from '../catalog/bookkeeping.js';
import { withServers, type Environment } from './environment.js';
import { readDatabase, readFiles, sourceKind } from './read-source.js';
import type { Scope } from '../diff/scope.js';
import { unsupportedIn } from '../diff/diff.js';
import { planChanges, type PlanResult } from '../plan/planner.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { introspect } from '../introspect/read.js';
import { readDbState, type DbState } from '../apply/history-store.js';
import { chainStatus, type ChainStatus } from '../apply/status.js';
import { readRevisionDir } from '../revisions/chain.js';
import { databaseName, endpoint, withClient } from '../util/db.js';

/** Production reads must never hang: every statement of the session is cut off after this. */
export const PROD_STATEMENT_TIMEOUT_MS = 30_000;
export const PROD_APPLICATION_NAME = 'fas diff --prod';

export interface ProdDiffOptions {
  readonly prodUrl: string;
  /** The declared side: a source (schema directory, file or URL). */
  readonly to: string;
  /** The revision directory (absolute). */
  readonly dir: string;
  readonly scope: Scope;
  readonly environment: Environment;
}

export interface ProdDiffResult {
  readonly plan: PlanResult;
  readonly unsupported: ReturnType<typeof unsupportedIn>;
  readonly revisions: RevisionReport;
  readonly serverVersion: number;
  /** No drift and nothing unsupported. */
  readonly same: boolean;
}

export async function prodDiffFlow(o: ProdDiffOptions): Promise<ProdDiffResult> {
  const e = o.environment;
  const to = sourceKind(o.to, e.cwd);
  const chain = await readRevisionDir(o.dir);
  e.log(`fas: reading production ${endpoint(o.prodUrl)}/${databaseName(o.prodUrl)} read-only`);
  // Production first: an unreachable server fails fast, before any scratch server starts.
  const prod = await readProduction(o.prodUrl);
  let desired: Catalog;
  if (to.kind === 'url') desired = await readDatabase(to.url, { readOnly: true, applicationName: 'fas diff' });
  else {
    // Never on production: the dev server or the embedded one; warns when the major versions differ.
    desired = await withServers(e, async (servers) => readFiles(to.path, await servers.scratch({ near: o.prodUrl, allowNear: false })));
  }
  const current = withoutBookkeeping(prod.catalog);
  desired = withoutBookkeeping(desired);
  const plan = planChanges(current, desired, o.scope);
  await checkSingleStatements(plan.statements);
  const unsupported = [...unsupportedIn(current, o.scope), ...unsupportedIn(desired, o.scope)];
  const revisions = revisionReport(o.dir, chainStatus(chain, prod.state), prod.state);
  return { plan, unsupported, revisions, serverVersion: prod.catalog.serverVersion, same: plan.changes.length === 0 && unsupported.length === 0 };
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

