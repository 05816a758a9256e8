/**
 * A schema directory: `schema/<name>/` implies CREATE SCHEMA <name> (nothing
 * for public). An optional `schema.yaml` in it adds a comment and grants.
 */
import { ident, literal, roleName } from '../sql/quote.js';
import { ref } from '../catalog/ref.js';
import { SqlBuilder } from './sql-builder.js';
import { readGrants, SCHEMA_PRIVILEGES } from './table-spec.js';
import { PRIORITY, type Loc, type Unit } from './types.js';
import type { YamlFile } from './yaml-reader.js';

export const SCHEMA_FILE = 'schema.yaml';

/** Units for one schema directory. `declaredInSql`: a SQL file already says CREATE SCHEMA. */
export function schemaUnits(name: string, dirLoc: Loc, y: YamlFile | undefined, declaredInSql: boolean): Unit[] {
  const out: Unit[] = [];
  const self = { targets: [ref.schema(name)], display: `schema ${name}`, loc: dirLoc, strict: name !== 'public' };
  const unit = (sql: string, at: Loc, priority: number, create: boolean): Unit => ({
    stmt: new SqlBuilder().add(sql).build(at),
    priority,
    defs: create ? [{ ref: ref.schema(name), unique: true, display: `schema ${name}` }] : [],
    refs: create ? [] : [self],
    modifies: [],
    consumer: false,
    ownSchemas: [],
  });
  let comment: string | undefined;
  let grants: ReturnType<typeof readGrants> = [];
  let at = dirLoc;
  let commentAt = dirLoc;
  if (y) {
    at = { file: y.file, line: 1, column: 1 };
    // An empty schema.yaml is allowed: it only marks the directory.
    if (y.root !== null) {
      const m = y.map(y.root, 'schema file', ['comment', 'grants']);
      if (m.has('comment')) {
        comment = y.str(m.get('comment')!, 'comment');
        commentAt = y.loc(m.get('comment'));
      }
      if (m.has('grants')) grants = readGrants(y, m.get('grants')!, SCHEMA_PRIVILEGES);
    }
  }
  if (name !== 'public' && !declaredInSql) out.push(unit(`CREATE SCHEMA ${ident(name)}`, at, PRIORITY.schema, true));
  if (comment !== undefined) out.push(unit(`COMMENT ON SCHEMA ${ident(name)} IS ${literal(comment)}`, commentAt, PRIORITY.comment, false));
  for (const g of grants) {
    const privs = g.privileges.map((p) => p.toUpperCase()).join(', ');
    out.push(unit(`GRANT ${privs} ON SCHEMA ${ident(name)} TO ${roleName(g.role)}`, g.loc, PRIORITY.grant, false));
  }
  return out;
}
