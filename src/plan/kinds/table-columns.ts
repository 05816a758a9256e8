/** Column definitions and the ALTER TABLE statements that change one column. */
import type { Column, ObjectId, Table } from '../../catalog/model.js';
import { id, ref, refKey } from '../../catalog/identity.js';
import { ident, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type PlanContext } from '../context.js';
import type { PlannedStatement } from '../statement.js';
import { aclStatements, commentStatements } from './common.js';
import { isOnlineTable } from '../online.js';
import { castExists, typeChangeRewrites } from '../type-change.js';
import { setNotNullOnline } from './not-null-online.js';
import { nameClaim } from './names.js';
import { sameDefinition } from '../../sql/expression-key.js';

/** name type [COLLATE] [GENERATED ...] [DEFAULT] [NOT NULL] */
export function columnDefinition(t: Table, c: Column): string {
  const parts = [ident(c.name), c.type];
  if (c.collation) parts.push(`COLLATE ${c.collation}`);
  if (c.generated !== null) parts.push(`GENERATED ALWAYS AS (${c.generated}) STORED`);
  else if (c.identity) parts.push(identitySql(t, c));
  else if (c.default !== null) parts.push(`DEFAULT ${c.default}`);
  if (c.notNull && !c.identity) parts.push('NOT NULL');
  return parts.join(' ');
}

function identitySql(t: Table, c: Column): string {
  const i = c.identity!;
  const seq = qualified(t.schema, i.sequenceName);
  return `GENERATED ${i.generation} AS IDENTITY (SEQUENCE NAME ${seq} INCREMENT BY ${i.increment} MINVALUE ${i.min} MAXVALUE ${i.max} START WITH ${i.start} CACHE ${i.cache}${i.cycle ? ' CYCLE' : ' NO CYCLE'})`;
}

/** Types that a change to is a pure widening (no rewrite, no failure). */
const WIDENINGS: Record<string, readonly string[]> = {
  smallint: ['integer', 'bigint', 'numeric'],
  integer: ['bigint', 'numeric'],
  bigint: ['numeric'],
  'character varying': ['text'],
};

function baseName(type: string): string {
  const i = type.indexOf('(');
  return (i < 0 ? type : type.slice(0, i)).trim();
}

/** Whether a type change may fail or lose data: anything but a known widening. */
export function narrows(from: string, to: string): boolean {
  // a binary-coercible change that only relaxes a limit accepts every old value
  if (!typeChangeRewrites(from, to)) return false;
  if (WIDENINGS[baseName(from)]?.includes(baseName(to))) return false;
  if (baseName(from) === 'character varying' && baseName(to) === 'character varying') {
    const n = (s: string) => Number(s.slice(s.indexOf('(') + 1, s.indexOf(')')) || Infinity);
    return n(to) < n(from);
  }
  if (baseName(from) === 'numeric' && to === 'numeric') return false;
  return true;
}

/** Whether a printed type names an enum or domain of either catalog (casts go through text). */
function isUserType(ctx: PlanContext, type: string): boolean {
  const base = type.endsWith('[]') ? type.slice(0, -2) : type;
  for (const c of [ctx.current, ctx.desired])
    for (const e of [...c.enums.values(), ...c.domains.values()]) if (qualified(e.schema, e.name) === base) return true;
  return false;
}

type StatementMaker = (sql: string, extra?: Partial<Parameters<typeof stmt>[0]>) => PlannedStatement;

/**
 * ALTER COLUMN ... TYPE, its default dropped first and set again afterwards.
 * USING casts the old value (through text for enums and domains); when
 * PostgreSQL has no cast between the two types (date -> integer), the values
 * cannot be converted: USING gives the new default (or NULL) instead, with
 * DELETES_DATA naming the column. The column keeps its place, comment,
 * privileges, and PostgreSQL rebuilds its indexes and constraints.
 */
function typeChangeStatements(b: Table, from: Column, to: Column, ctx: PlanContext, prefix: string, s: StatementMaker): PlannedStatement[] {
  const out: PlannedStatement[] = [];
  const table = qualified(b.schema, b.name);
  const col = ident(to.name);
  const column = ref.column(b.schema, b.name, to.name);
  const cid = refKey(column);
  const uses: ObjectId[] = [...(ctx.current.dependsOn.get(cid) ?? [])];
  // a default that cannot be cast along is dropped first and set again afterwards
  // the steps of one column change stay in order whatever else waits in between (graph marks)
  const defaultDropped = id.mark('default-dropped', column);
  const retyped = id.mark('retyped', column);
  if (from.default !== null) out.push(s(`${prefix} DROP DEFAULT`, { rank: RANK.dropDefault, uses, needs: [], provides: [defaultDropped] }));
  const collate = to.collation ? ` COLLATE ${to.collation}` : '';
  const viaText = isUserType(ctx, from.type) || isUserType(ctx, to.type);
  const converts = viaText || castExists(from.type, to.type);
  const settable = to.default !== null && to.identity === null && to.generated === null;
  const using = converts ? `${col}${viaText ? '::text' : ''}::${to.type}` : settable ? `(${to.default})::${to.type}` : `NULL::${to.type}`;
  // binary-coercible changes (varchar(n) -> text, a longer varchar, ...) only touch the catalog
  const rewrites = !converts || viaText || from.collation !== to.collation || typeChangeRewrites(from.type, to.type);
  const hz = rewrites ? [hazard.rewritesTable(`${b.schema}.${b.name}`, `column ${to.name} changes type`)] : [];
  const name = `${b.schema}.${b.name}.${to.name}`;
  if (!converts)
    hz.push({
      type: 'DELETES_DATA',
      message: `replaces every value of column ${name} with ${settable ? 'its default' : 'NULL'}: PostgreSQL has no cast from ${from.type} to ${to.type}, the values cannot be converted`,
      objects: [name],
    });
  else if (narrows(from.type, to.type)) hz.push(hazard.narrowsType(name, from.type, to.type));
  const afterDrop = from.default !== null ? [defaultDropped] : [];
  out.push(s(`${prefix} TYPE ${to.type}${collate} USING ${using}`, { provides: [cid, retyped], removes: [cid], uses, hazards: hz, needs: [...(ctx.desired.dependsOn.get(cid) ?? []), ...afterDrop] }));
  // a rewritten column has no statistics until the next ANALYZE
  if (rewrites) out.push(s(`ANALYZE ${table} (${col})`, { needs: [cid], rank: RANK.comment }));
  // the new default is set once the column has its new type (it may not fit the old one)
  if (settable) out.push(s(`${prefix} SET DEFAULT ${to.default}`, { provides: [cid], needs: [...(ctx.desired.dependsOn.get(cid) ?? []), retyped] }));
  return out;
}

export function columnChanges(a: Table, b: Table, from: Column, to: Column, ctx: PlanContext): PlannedStatement[] {
  const table = qualified(b.schema, b.name);
  const col = ident(to.name);
  const cid = id.column(b.schema, b.name, to.name);
  const src = `alter column ${b.schema}.${b.name}.${to.name}`;
  const prefix = `ALTER TABLE ${table} ALTER COLUMN ${col}`;
  const out: PlannedStatement[] = [];
  const needs: ObjectId[] = [...(ctx.desired.dependsOn.get(cid) ?? [])];
  const uses: ObjectId[] = [...(ctx.current.dependsOn.get(cid) ?? [])];
  const s = (sql: string, extra: Partial<Parameters<typeof stmt>[0]> = {}) =>
    stmt({ sql, source: src, rank: RANK.alterTable, needs, ...extra });

  // generated expression: removing keeps the data; adding or changing needs the column re-made
  if (from.generated !== null && to.generated === null) out.push(s(`${prefix} DROP EXPRESSION`, { provides: [cid] }));

  const typeChanged = from.type !== to.type || from.collation !== to.collation;
  const defaultChanged = !sameDefinition('expression', from.default, to.default);
  if (typeChanged) {
    out.push(...typeChangeStatements(b, from, to, ctx, prefix, s));
  } else if (defaultChanged) {
    if (to.default === null && from.generated === null) out.push(s(`${prefix} DROP DEFAULT`, { uses, rank: RANK.dropDefault }));
    // after the column's conversion when its enum or domain is swapped (type-swap.ts); no edge otherwise
    else if (to.default !== null && to.identity === null && to.generated === null)
      out.push(s(`${prefix} SET DEFAULT ${to.default}`, { provides: [cid], needs: [...needs, id.mark('converted', ref.column(b.schema, b.name, to.name))] }));
  }

  // identity
  if (JSON.stringify(from.identity) !== JSON.stringify(to.identity)) {
    if (from.identity && !to.identity) out.push(s(`${prefix} DROP IDENTITY`, { rank: RANK.dropDefault, needs: [], removes: [nameClaim(a.schema, from.identity.sequenceName)] }));
    else if (!from.identity && to.identity) {
      if (!from.notNull) out.push(s(`${prefix} SET NOT NULL`));
      out.push(s(`${prefix} ADD ${identitySql(b, to)}`, { provides: [cid, nameClaim(b.schema, to.identity.sequenceName)] }));
    } else if (from.identity && to.identity) {
      if (from.identity.sequenceName !== to.identity.sequenceName) {
        out.push(s(`${prefix} DROP IDENTITY`, { rank: RANK.dropDefault, needs: [], removes: [nameClaim(a.schema, from.identity.sequenceName)] }));
        out.push(s(`${prefix} ADD ${identitySql(b, to)}`, { provides: [cid, nameClaim(b.schema, to.identity.sequenceName)] }));
      } else {
        const i = to.identity;
        const sets = [];
        if (from.identity.generation !== i.generation) sets.push(`SET GENERATED ${i.generation}`);
        if (from.identity.increment !== i.increment) sets.push(`SET INCREMENT BY ${i.increment}`);
        if (from.identity.min !== i.min) sets.push(`SET MINVALUE ${i.min}`);
        if (from.identity.max !== i.max) sets.push(`SET MAXVALUE ${i.max}`);
        if (from.identity.start !== i.start) sets.push(`SET START WITH ${i.start}`);
        if (from.identity.cache !== i.cache) sets.push(`SET CACHE ${i.cache}`);
        if (from.identity.cycle !== i.cycle) sets.push(i.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
        if (sets.length) out.push(s(`${prefix} ${sets.join(' ')}`, { provides: [cid] }));
      }
    }
  }

  const fromNotNull = from.notNull;
  const toNotNull = to.notNull;
  if (fromNotNull !== toNotNull && !(to.identity && !from.identity)) {
    if (toNotNull && isOnlineTable(ctx, b.schema, b.name)) out.push(...setNotNullOnline(b, to.name, src, needs));
    else if (toNotNull) out.push(s(`${prefix} SET NOT NULL`, { hazards: [hazard.validatesConstraint(`NOT NULL on ${b.schema}.${b.name}.${to.name}`)] }));
    else {
      // a primary key that goes away must release the column first
      const pk = a.constraints.find((c) => c.type === 'p');
      out.push(s(`${prefix} DROP NOT NULL`, { needs: pk ? [...needs, id.mark('dropped', ref.constraint(a.schema, a.name, pk.name))] : needs }));
    }
  }

  out.push(...commentStatements(`COLUMN ${table}.${col}`, from.comment, to.comment, cid, src));
  out.push(...aclStatements(`TABLE ${table}`, from.acl, to.acl, ref.column(b.schema, b.name, to.name), src, to.name));
  return out;
}

/** Whether two versions of a column can only be reconciled by re-making it. */
export function needsRemake(from: Column, to: Column): boolean {
  return to.generated !== null && from.generated !== to.generated;
}
