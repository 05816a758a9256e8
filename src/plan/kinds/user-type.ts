/** What the composite and enum planners share: CREATE TYPE with its comment and grants, and DROP TYPE. */
import type { Acl } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { qualified } from '../../sql/quote.js';
import { RANK, stmt, type PlanContext } from '../context.js';
import { depsOf } from '../deps.js';
import type { PlannedStatement } from '../statement.js';
import { aclStatements, commentStatements } from './common.js';
import { nameClaim } from './names.js';

/** A type as CREATE TYPE leaves it: USAGE granted to PUBLIC. */
const PUBLIC_USAGE = [{ grantee: 'PUBLIC', privilege: 'USAGE', grantable: false }];

interface UserType {
  readonly schema: string;
  readonly name: string;
  readonly comment: string | null;
  readonly acl: Acl;
}

/** `CREATE TYPE name <definition>` (e.g. `AS ENUM (...)`), then its comment and its grants. */
export function createTypeStatements(kind: 'composite' | 'enum', o: UserType, ctx: PlanContext, definition: string): PlannedStatement[] {
  const tid = id.type(kind, o.schema, o.name);
  const name = qualified(o.schema, o.name);
  const src = `create type ${o.schema}.${o.name}`;
  return [
    stmt({
      sql: `CREATE TYPE ${name} ${definition}`,
      source: src,
      rank: RANK.createType,
      provides: [tid, nameClaim(o.schema, o.name)],
      needs: depsOf(ctx.desired, tid, o.schema),
    }),
    ...commentStatements(`TYPE ${name}`, null, o.comment, tid, src),
    ...aclStatements(`TYPE ${name}`, PUBLIC_USAGE, o.acl, ref.type(kind, o.schema, o.name), src),
  ];
}

export function dropTypeStatements(kind: 'composite' | 'enum', o: UserType, ctx: PlanContext): PlannedStatement[] {
  const tid = id.type(kind, o.schema, o.name);
  return [
    stmt({
      sql: `DROP TYPE ${qualified(o.schema, o.name)}`,
      source: `drop type ${o.schema}.${o.name}`,
      rank: RANK.dropType,
      removes: [tid, nameClaim(o.schema, o.name)],
      uses: depsOf(ctx.current, tid, o.schema),
    }),
  ];
}

/** The comment and grant changes of an altered type. */
export function typeAnnotationChanges(kind: 'composite' | 'enum', a: UserType, b: UserType): PlannedStatement[] {
  const tid = id.type(kind, b.schema, b.name);
  const name = qualified(b.schema, b.name);
  const src = `alter type ${b.schema}.${b.name}`;
  return [...commentStatements(`TYPE ${name}`, a.comment, b.comment, tid, src), ...aclStatements(`TYPE ${name}`, a.acl, b.acl, ref.type(kind, b.schema, b.name), src)];
}
