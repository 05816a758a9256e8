/** The three output formats of a plan: text (terraform-like), sql, json. */
import type { CatalogObject, Unsupported } from '../catalog/model.js';
import { describe } from '../catalog/identity.js';
import type { Change } from '../diff/change.js';
import { changeObject } from '../diff/change.js';
import { objectSchema } from '../diff/scope.js';
import type { Statement } from '../plan/statement.js';
import { details, type Detail } from './details.js';
import { painter, type Paint } from './color.js';
import { unifiedDiff } from './unified-diff.js';
import { describeRename } from '../diff/renames.js';
import type { PlanNote } from '../plan/rename-notes.js';

const MARK: Record<Change['op'], string> = { create: '+', drop: '-', alter: '~', rename: '>' };

function short(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  if (typeof v === 'string') return v.length > 100 ? JSON.stringify(v.slice(0, 97) + '...') : JSON.stringify(v);
  if (typeof v === 'object' && (v as { name?: unknown }).name) {
    // a column: its type, as a reviewer would write it
    const c = v as { type?: unknown; notNull?: unknown; default?: unknown };
    if (typeof c.type !== 'string') return 'present';
    return [c.type, c.notNull === true ? 'NOT NULL' : '', typeof c.default === 'string' ? `DEFAULT ${c.default}` : ''].filter(Boolean).join(' ');
  }
  const s = JSON.stringify(v);
  return s.length > 100 ? s.slice(0, 97) + '...' : s;
}

/** A definition worth a unified diff: text on both sides that is long or spans lines. */
function definitionPair(d: Detail): [string, string] | null {
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as { definition?: unknown }).definition === 'string' ? (v as { definition: string }).definition : null);
  const a = text(d.from);
  const b = text(d.to);
  if (a === null || b === null) return null;
  return a.includes('\n') || b.includes('\n') || a.length > 60 || b.length > 60 ? [a, b] : null;
}

function detailLines(d: Detail, paint: Paint): string[] {
  const pair = definitionPair(d);
  if (pair) {
    const hunks = unifiedDiff(pair[0], pair[1]).map((l) =>
      l.startsWith('@@') ? paint('cyan', l) : l.startsWith('-') ? paint('red', l) : l.startsWith('+') ? paint('green', l) : l,
    );
    return [`      ${paint('yellow', '~')} ${d.path}:`, ...hunks.map((l) => `        ${l}`)];
  }
  const m = d.from === null ? '+' : d.to === null ? '-' : '~';
  const color = m === '+' ? 'green' : m === '-' ? 'red' : 'yellow';
  return [`      ${paint(color, m)} ${d.path}: ${m === '+' ? short(d.to) : m === '-' ? short(d.from) : `${short(d.from)} -> ${short(d.to)}`}`];
}

export interface TextOptions {
  /** ANSI colours (decided by the caller: a terminal, no NO_COLOR) */
  readonly color?: boolean;
  /** Notes of the plan (suspected renames, column order), printed after the summary. */
  readonly notes?: readonly PlanNote[];
}

export function renderText(changes: readonly Change[], statements: readonly Statement[], unsupported: readonly Unsupported[], opts: TextOptions = {}): string {
  const paint = painter(opts.color === true);
  const notes = opts.notes ?? [];
  if (!changes.length && !unsupported.length) return 'No changes: the two sides are the same.\n';
  const bySchema = new Map<string, Change[]>();
  for (const c of changes) {
    const s = objectSchema(changeObject(c)) ?? '(database)';
    const l = bySchema.get(s) ?? [];
    l.push(c);
    bySchema.set(s, l);
  }
  const lines: string[] = [];
  for (const [schema, list] of [...bySchema].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`schema ${schema}`);
    for (const c of list) {
      const what = c.op === 'rename' ? `rename ${describeRename(c.rename)}` : describe(changeObject(c));
      lines.push(`  ${paint(c.op === 'create' ? 'green' : c.op === 'drop' ? 'red' : 'yellow', MARK[c.op])} ${what}`);
      if (c.op === 'alter') for (const d of details(c.from, c.to)) lines.push(...detailLines(d, paint));
    }
  }
  for (const u of unsupported) lines.push(`  ! unsupported: ${describe(u)} (fas cannot manage this object kind; it is not compared)`);
  const creates = changes.filter((c) => c.op === 'create').length;
  const alters = changes.filter((c) => c.op === 'alter').length;
  const drops = changes.filter((c) => c.op === 'drop').length;
  const renames = changes.filter((c) => c.op === 'rename').length;
  lines.push('');
  lines.push(`Plan: ${creates} to create, ${alters} to change, ${drops} to drop${renames ? `, ${renames} to rename` : ''}; ${statements.length} statements.`);
  if (notes.length) lines.push('Notes:', ...notes.map((n) => `  ${n.type}: ${n.message}`));
  const hazards = statements.flatMap((s) => s.hazards.map((h) => `  ${h.type}: ${h.message}`));
  if (hazards.length) lines.push('Hazards:', ...[...new Set(hazards)]);
  return lines.join('\n') + '\n';
}

export function renderSql(statements: readonly Statement[]): string {
  const out: string[] = [];
  for (const s of statements) {
    for (const h of s.hazards) out.push(`-- hazard ${h.type}: ${h.message}`);
    if (!s.transactional) out.push('-- runs outside a transaction');
    out.push(s.sql.trimEnd() + ';', '');
  }
  return out.join('\n');
}

function objectJson(o: CatalogObject) {
  return { kind: o.kind, schema: objectSchema(o), name: describe(o) };
}

export function planJson(changes: readonly Change[], statements: readonly Statement[], unsupported: readonly Unsupported[], notes: readonly PlanNote[] = []) {
  return {
    changes: changes.map((c) => ({
      op: c.op,
      id: c.id,
      ...objectJson(changeObject(c)),
      details: c.op === 'alter' ? details(c.from, c.to) : undefined,
      rename: c.op === 'rename' ? { kind: c.rename.kind, schema: c.rename.schema, parent: c.rename.parent, from: c.rename.from, to: c.rename.to } : undefined,
    })),
    notes,
    statements: statements.map((s) => ({
      sql: s.sql,
      hazards: s.hazards,
      transactional: s.transactional,
      lockTimeoutMs: s.lockTimeoutMs,
      statementTimeoutMs: s.statementTimeoutMs,
      source: s.source,
    })),
    unsupported: unsupported.map((u) => ({ objectType: u.objectType, schema: u.schema, name: u.name })),
  };
}
