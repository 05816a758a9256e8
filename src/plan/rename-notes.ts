/**
 * Rename statements (the emit stage of declared renames) and the notes a plan
 * carries: drops and adds that look like a rename, and a declared column order
 * that PostgreSQL cannot reach without rewriting the table (so fas does not).
 */
import type { Column, Table } from '../catalog/model.js';
import type { Change } from '../diff/change.js';
import type { RenameStep } from '../diff/expand-renames.js';
import { describeRename } from '../diff/renames.js';
import { RANK, stmt } from './context.js';
import type { PlannedStatement, Statement } from './statement.js';
import type { Hazard } from './hazards.js';

export interface PlanNote {
  readonly type: 'suspected-rename' | 'column-order';
  /** The object the note is about: "outcomes.actuals.reported_at", "outcomes.actuals". */
  readonly object: string;
  readonly message: string;
  /** For a suspected rename: the short form added to the drop's DELETES_DATA hazard. */
  readonly hint?: string;
}

export function renameStatements(steps: readonly RenameStep[]): PlannedStatement[] {
  return steps.map((st) =>
    stmt({
      sql: st.sql,
      source: `rename ${describeRename(st.rename)}${st.rename.loc ? '' : ' (follows a declared rename)'}`,
      rank: RANK.dropDependent,
    }),
  );
}

const local = (t: Table) => t.columns.filter((c) => !c.inherited);

function suspectedColumns(from: Table, to: Table): PlanNote[] {
  const have = local(from);
  const want = local(to);
  const dropped = have.filter((c) => !want.some((w) => w.name === c.name));
  const added = want.filter((c) => !have.some((h) => h.name === c.name));
  const notes: PlanNote[] = [];
  const used = new Set<Column>();
  for (const d of dropped) {
    const sameType = added.filter((a) => a.type === d.type && !used.has(a));
    const samePlace = sameType.find((a) => want.indexOf(a) === have.indexOf(d));
    const onlyOne = sameType.length === 1 && dropped.filter((x) => x.type === d.type).length === 1 ? sameType[0] : undefined;
    const a = samePlace ?? onlyOne;
    if (!a) continue;
    used.add(a);
    const name = `${from.schema}.${from.name}.${d.name}`;
    notes.push({
      type: 'suspected-rename',
      object: name,
      message: `looks like a rename of column ${name} to ${a.name}: declare \`renamed_from: ${d.name}\` on column ${a.name} to keep the data (as planned, the values of ${d.name} are dropped)`,
      hint: `looks like a rename to ${a.name}: declare renamed_from: ${d.name} to keep the data`,
    });
  }
  return notes;
}

/** A table's shape: the types of its own columns, in order (names may differ: a column may be renamed too). */
function columnSignature(t: Table): string {
  return local(t)
    .map((c) => c.type)
    .join('\u0000');
}

function suspectedTables(changes: readonly Change[]): PlanNote[] {
  const notes: PlanNote[] = [];
  const created = changes.flatMap((c) => (c.op === 'create' && c.to.kind === 'table' ? [c.to] : []));
  const used = new Set<Table>();
  for (const c of changes) {
    if (c.op !== 'drop' || c.from.kind !== 'table') continue;
    const d = c.from;
    const a = created.find((t) => t.schema === d.schema && columnSignature(t) === columnSignature(d) && !used.has(t));
    if (a) used.add(a);
    if (!a) continue;
    const name = `${d.schema}.${d.name}`;
    notes.push({
      type: 'suspected-rename',
      object: name,
      message: `looks like a rename of table ${name} to ${a.schema}.${a.name}: declare \`renamed_from: ${name}\` on table ${a.schema}.${a.name} to keep the data (as planned, table ${name} and its rows are dropped)`,
      hint: `looks like a rename to ${a.schema}.${a.name}: declare renamed_from: ${name} to keep the data`,
    });
  }
  return notes;
}

/** Columns added to an existing table go at the end: say so when the declared order differs. */
function columnOrder(from: Table, to: Table): PlanNote[] {
  const want = local(to).map((c) => c.name);
  const kept = local(from)
    .map((c) => c.name)
    .filter((n) => want.includes(n));
  const result = [...kept, ...want.filter((n) => !kept.includes(n))];
  if (result.join('\u0000') === want.join('\u0000')) return [];
  const name = `${to.schema}.${to.name}`;
  return [
    {
      type: 'column-order',
      object: name,
      message: `columns of ${name} stay in the order (${result.join(', ')}); the declared order (${want.join(', ')}) is not applied: PostgreSQL appends new columns, and fas does not rewrite a table for column order`,
    },
  ];
}

/** `reordered`: whether the plan re-makes the table's columns to reach the declared order (an empty table). */
export function planNotes(changes: readonly Change[], reordered: (from: Table, to: Table) => boolean = () => false): PlanNote[] {
  const notes: PlanNote[] = [];
  for (const c of changes)
    if (c.op === 'alter' && c.from.kind === 'table' && c.to.kind === 'table')
      notes.push(...suspectedColumns(c.from, c.to), ...(reordered(c.from, c.to) ? [] : columnOrder(c.from, c.to)));
  notes.push(...suspectedTables(changes));
  return notes;
}

/** The DELETES_DATA hazard of a drop that looks like a rename says so. */
export function withRenameHints<T extends Statement>(statements: readonly T[], notes: readonly PlanNote[]): T[] {
  const hints = new Map(notes.filter((n) => n.hint).map((n) => [n.object, n.hint!]));
  if (!hints.size) return [...statements];
  return statements.map((s) => {
    if (!s.hazards.some((h) => h.type === 'DELETES_DATA' && h.objects?.some((o) => hints.has(o)))) return s;
    const hazards = s.hazards.map((h): Hazard => {
      const o = h.type === 'DELETES_DATA' ? h.objects?.find((x) => hints.has(x)) : undefined;
      return o ? { ...h, message: `${h.message} (${hints.get(o)})` } : h;
    });
    return { ...s, hazards };
  });
}
