/**
 * Targets listed by a catalog database: `query:` must be one SELECT returning
 * name and dsn_env (and optionally tags text[] and wave); it runs in a
 * read-only transaction with a short statement_timeout.
 */
import { splitStatements, SqlSyntaxError } from '../sql/parser.js';
import { withClient } from '../util/db.js';
import { FasError } from '../util/errors.js';
import { ENV_PATTERN, NAME_PATTERN } from './targets-schema.js';
import type { TargetQuery, TargetSpec } from './targets.js';

export const CATALOG_STATEMENT_TIMEOUT_MS = 30_000;

async function assertOneSelect(q: TargetQuery): Promise<void> {
  let parsed;
  try {
    parsed = await splitStatements(q.query);
  } catch (e) {
    if (e instanceof SqlSyntaxError) throw new FasError('CONFIG', `the catalog query does not parse: ${e.message}`, { location: q.location });
    throw e;
  }
  if (parsed.length !== 1 || parsed[0]!.nodeType !== 'SelectStmt')
    throw new FasError('CONFIG', `the catalog query must be exactly one SELECT returning name and dsn_env; got ${parsed.map((p) => p.nodeType).join(', ') || 'nothing'}`, {
      location: q.location,
    });
}

interface Row {
  name?: unknown;
  dsn_env?: unknown;
  tags?: unknown;
  wave?: unknown;
}

export async function runCatalogQuery(q: TargetQuery, env: NodeJS.ProcessEnv): Promise<TargetSpec[]> {
  await assertOneSelect(q);
  const url = env[q.catalogUrlEnv];
  if (!url) throw new FasError('CONFIG', `the catalog database's environment variable ${q.catalogUrlEnv} is not set`, { location: q.location });
  const rows = await withClient(url, { applicationName: 'fas targets', readOnly: true, statementTimeoutMs: CATALOG_STATEMENT_TIMEOUT_MS }, async (c) => {
    await c.query('BEGIN READ ONLY');
    try {
      return (await c.query<Row>(q.query)).rows;
    } catch (e) {
      throw new FasError('CONFIG', `the catalog query failed: ${(e as Error).message}`, { cause: e, location: q.location });
    } finally {
      await c.query('ROLLBACK').catch(() => undefined);
    }
  });
  return rows.map((r, i) => toTarget(q, r, i));
}

function toTarget(q: TargetQuery, r: Row, i: number): TargetSpec {
  const bad = (what: string) => new FasError('CONFIG', `the catalog query's row ${i + 1}: ${what}`, { location: q.location });
  if (typeof r.name !== 'string' || !new RegExp(NAME_PATTERN).test(r.name)) throw bad(`name must be a name of letters, digits, "_", "." or "-"; got ${JSON.stringify(r.name)}`);
  if (typeof r.dsn_env !== 'string' || !new RegExp(ENV_PATTERN).test(r.dsn_env))
    throw bad(`dsn_env must name an environment variable (UPPER_CASE), never hold the connection string; target ${r.name}`);
  const tags = r.tags === undefined || r.tags === null ? [] : r.tags;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) throw bad(`tags must be a text[]; target ${r.name}`);
  if (r.wave !== undefined && r.wave !== null && typeof r.wave !== 'string') throw bad(`wave must be text; target ${r.name}`);
  return {
    name: r.name,
    urlEnv: r.dsn_env,
    tags: [...q.tags, ...(tags as string[])],
    wave: (r.wave as string | null | undefined) ?? q.wave,
    replicas: [],
    location: q.location,
  };
}
