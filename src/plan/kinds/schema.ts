import type { Schema } from '../../catalog/model.js';
import { id, ref } from '../../catalog/identity.js';
import { ident } from '../../sql/quote.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';
import { aclStatements, commentStatements } from './common.js';

const DEFAULT_SCHEMA_ACL = [] as const;

export const schemaPlanner: KindPlanner<Schema> = {
  create(o) {
    const sid = id.schema(o.name);
    const src = `create schema ${o.name}`;
    return [
      stmt({ sql: `CREATE SCHEMA ${ident(o.name)}`, source: src, rank: RANK.createSchema, provides: [sid, `name:schema:${o.name}`] }),
      ...commentStatements(`SCHEMA ${ident(o.name)}`, null, o.comment, sid, src),
      ...aclStatements(`SCHEMA ${ident(o.name)}`, DEFAULT_SCHEMA_ACL, o.acl, ref.schema(o.name), src),
    ];
  },
  drop(o) {
    const sid = id.schema(o.name);
    return [
      stmt({
        sql: `DROP SCHEMA ${ident(o.name)}`,
        source: `drop schema ${o.name}`,
        rank: RANK.dropSchema,
        removes: [sid, `name:schema:${o.name}`],
        hazards: [hazard.dropsSchema(o.name)],
      }),
    ];
  },
  alter(a, b) {
    const sid = id.schema(b.name);
    const src = `alter schema ${b.name}`;
    return [...commentStatements(`SCHEMA ${ident(b.name)}`, a.comment, b.comment, sid, src), ...aclStatements(`SCHEMA ${ident(b.name)}`, a.acl, b.acl, ref.schema(b.name), src)];
  },
};
