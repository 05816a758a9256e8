/**
 * Resuming CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY after an
 * interrupted run (a crash, kill -9, a lock timeout): an interrupted build
 * leaves an INVALID index behind, which is dropped (concurrently) before the
 * build runs again; an index that is already there and valid, or already
 * gone for a drop, means the interrupted run finished the step.
 */
import { ident, qualified } from '../sql/quote.js';
import type { Client } from '../util/db.js';
import type { StatementShape } from './lock-targets.js';

type Json = Record<string, unknown>;

/** The regclass text of the index a CONCURRENTLY statement builds or drops, or null. */
function indexName(shape: StatementShape): string | null {
  const n = shape.node;
  if (shape.nodeType === 'IndexStmt' && n.concurrent && typeof n.idxname === 'string') {
    const rel = n.relation as Json;
    return typeof rel.schemaname === 'string' ? qualified(rel.schemaname, n.idxname) : ident(n.idxname);
  }
  if (shape.nodeType === 'DropStmt' && n.concurrent && n.removeType === 'OBJECT_INDEX') {
    const objects = n.objects as Json[];
    if (objects.length !== 1) return null;
    const parts = ((objects[0]!.List as Json).items as Json[]).map((x) => (x.String as Json).sval as string);
    return parts.length === 2 ? qualified(parts[0]!, parts[1]!) : parts.length === 1 ? ident(parts[0]!) : null;
  }
  return null;
}

export type Preflight = { readonly kind: 'run' } | { readonly kind: 'done'; readonly why: string };

/** Before a CONCURRENTLY step: clean up what an interrupted run left, or tell that it finished. */
export async function preflightConcurrent(client: Client, shape: StatementShape, log: (text: string) => void): Promise<Preflight> {
  const name = indexName(shape);
  if (name === null) return { kind: 'run' };
  const r = await client.query<{ valid: boolean | null }>(
    'SELECT i.indisvalid AS valid FROM pg_catalog.pg_index i WHERE i.indexrelid = pg_catalog.to_regclass($1)',
    [name],
  );
  const valid = r.rows[0]?.valid;
  if (shape.nodeType === 'DropStmt') return valid === undefined ? { kind: 'done', why: `index ${name} is already gone` } : { kind: 'run' };
  if (valid === undefined) return { kind: 'run' };
  if (valid) return { kind: 'done', why: `index ${name} is already built and valid` };
  log(`dropping INVALID index ${name} left by an interrupted build; building it again\n`);
  await client.query(`DROP INDEX CONCURRENTLY ${name}`);
  return { kind: 'run' };
}
