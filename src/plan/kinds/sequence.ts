import type { Sequence } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { ident, literal, qualified } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner, type PlanContext } from '../context.js';
import { depsOf } from '../deps.js';
import { aclStatements, commentStatements } from './common.js';
import { nameClaim } from './names.js';

export function sequenceOptions(o: { dataType: string; start: string; increment: string; min: string; max: string; cache: string; cycle: boolean }): string {
  return `AS ${o.dataType} INCREMENT BY ${o.increment} MINVALUE ${o.min} MAXVALUE ${o.max} START WITH ${o.start} CACHE ${o.cache}${o.cycle ? ' CYCLE' : ' NO CYCLE'}`;
}

function ownedBySql(o: Sequence): string {
  return `ALTER SEQUENCE ${qualified(o.schema, o.name)} OWNED BY ${o.ownedBy ? `${qualified(o.ownedBy.schema, o.ownedBy.table)}.${ident(o.ownedBy.column)}` : 'NONE'}`;
}

/** Whether the owner of a sequence (its table, or its column) is dropped in this plan. */
function ownerGoes(by: NonNullable<Sequence['ownedBy']>, ctx: PlanContext): boolean {
  const tid = id.relation('table', by.schema, by.table);
  const have = ctx.current.tables.get(tid);
  if (!have || !have.columns.some((c) => c.name === by.column)) return false;
  const want = ctx.desired.tables.get(tid);
  return !want || !want.columns.some((c) => c.name === by.column && !c.inherited);
}

/**
 * A narrower range (MINVALUE raised, MAXVALUE lowered) must still hold the
 * sequence's current value, or ALTER SEQUENCE fails: the value is moved to the
 * new bound first, and only when it lies outside.
 */
function intoRange(a: Sequence, b: Sequence): string[] {
  const name = qualified(b.schema, b.name);
  const reg = `${literal(name)}::regclass`;
  const out: string[] = [];
  if (BigInt(b.min) > BigInt(a.min)) out.push(`SELECT pg_catalog.setval(${reg}, ${b.min}, false) FROM ${name} WHERE last_value < ${b.min}`);
  if (BigInt(b.max) < BigInt(a.max)) out.push(`SELECT pg_catalog.setval(${reg}, ${b.max}, false) FROM ${name} WHERE last_value > ${b.max}`);
  return out;
}

export const sequencePlanner: KindPlanner<Sequence> = {
  create(o, ctx) {
    const sid = id.relation('sequence', o.schema, o.name);
    const name = qualified(o.schema, o.name);
    const src = `create sequence ${o.schema}.${o.name}`;
    const out = [
      stmt({
        sql: `CREATE SEQUENCE ${name} ${sequenceOptions(o)}`,
        source: src,
        rank: RANK.createSequence,
        provides: [sid, nameClaim(o.schema, o.name)],
        needs: depsOf(ctx.desired, sid, o.schema),
      }),
    ];
    if (o.ownedBy)
      out.push(
        stmt({ sql: ownedBySql(o), source: src, rank: RANK.alterSequence, needs: [sid, id.column(o.ownedBy.schema, o.ownedBy.table, o.ownedBy.column)] }),
      );
    out.push(...commentStatements(`SEQUENCE ${name}`, null, o.comment, sid, src));
    out.push(...aclStatements(`SEQUENCE ${name}`, [], o.acl, ref.relation('sequence', o.schema, o.name), src));
    return out;
  },
  drop(o, ctx) {
    const sid = id.relation('sequence', o.schema, o.name);
    // a sequence owned by a table or column that is dropped too goes away with it
    if (o.ownedBy && ownerGoes(o.ownedBy, ctx)) return [];
    return [
      stmt({
        sql: `DROP SEQUENCE ${qualified(o.schema, o.name)}`,
        source: `drop sequence ${o.schema}.${o.name}`,
        rank: RANK.dropSequence,
        removes: [sid, nameClaim(o.schema, o.name)],
        uses: depsOf(ctx.current, sid, o.schema),
        hazards: [hazard.dropsSequence(`${o.schema}.${o.name}`)],
      }),
    ];
  },
  alter(a, b) {
    const sid = id.relation('sequence', b.schema, b.name);
    const inRange = id.mark('range', ref.relation('sequence', b.schema, b.name));
    const name = qualified(b.schema, b.name);
    const src = `alter sequence ${b.schema}.${b.name}`;
    const out = [];
    if (sequenceOptions(a) !== sequenceOptions(b)) {
      for (const sql of intoRange(a, b)) out.push(stmt({ sql, source: src, rank: RANK.alterSequence, uses: [sid], provides: [inRange] }));
      out.push(stmt({ sql: `ALTER SEQUENCE ${name} ${sequenceOptions(b)}`, source: src, rank: RANK.alterSequence, provides: [sid], uses: [sid], needs: [inRange] }));
    }
    if (JSON.stringify(a.ownedBy) !== JSON.stringify(b.ownedBy)) {
      const needs = b.ownedBy ? [sid, id.column(b.ownedBy.schema, b.ownedBy.table, b.ownedBy.column)] : [sid];
      // releasing ownership must happen before the old owner table is dropped
      const uses = a.ownedBy ? [id.relation('table', a.ownedBy.schema, a.ownedBy.table)] : [];
      out.push(stmt({ sql: ownedBySql(b), source: src, rank: b.ownedBy ? RANK.alterSequence : RANK.dropDependent, needs, uses }));
    }
    out.push(...commentStatements(`SEQUENCE ${name}`, a.comment, b.comment, sid, src));
    out.push(...aclStatements(`SEQUENCE ${name}`, a.acl, b.acl, ref.relation('sequence', b.schema, b.name), src));
    return out;
  },
};
