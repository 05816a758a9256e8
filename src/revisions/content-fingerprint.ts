/**
 * What a revision does, independent of how its file is laid out: the parse tree
 * of every statement (byte positions left out), with its hazards, transaction
 * mode and timeouts. Two files with the same fingerprint run the same statements.
 */
import { createHash } from 'node:crypto';
import { loadModule, parseSync } from 'libpg-query';
import type { Statement } from '../plan/statement.js';
import type { Revision } from './types.js';

await loadModule();

/** Byte positions in the parse tree: they move with whitespace and say nothing about meaning. */
const LOCATION_KEYS = new Set(['location', 'stmt_location', 'stmt_len', 'list_start', 'list_end', 'name_location', 'rexpr_list_start', 'rexpr_list_end']);

export function stripLocations(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripLocations);
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!LOCATION_KEYS.has(k)) o[k] = stripLocations(x);
    return o;
  }
  return v;
}

function statementContent(s: Statement): unknown {
  return {
    tree: stripLocations(parseSync(s.sql)),
    hazards: s.hazards.map((h) => [h.type, h.message]),
    transactional: s.transactional,
    lockTimeoutMs: s.lockTimeoutMs,
    statementTimeoutMs: s.statementTimeoutMs,
  };
}

/** sha256 over the revision's identity and its statements' meaning. */
export function contentFingerprint(rev: Revision): string {
  const content = {
    id: rev.id,
    parent: rev.parent,
    message: rev.message,
    upgrade: rev.upgrade.map(statementContent),
    downgrade: rev.downgrade.map(statementContent),
  };
  return 'sha256:' + createHash('sha256').update(JSON.stringify(content)).digest('hex');
}
