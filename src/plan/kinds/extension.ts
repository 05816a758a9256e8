import type { Extension } from '../../catalog/model.js';
import { id } from '../../catalog/identity.js';
import { ident, literal } from '../../sql/quote.js';
import { FasError } from '../../util/errors.js';
import { hazard } from '../hazards.js';
import { RANK, stmt, type KindPlanner } from '../context.js';

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? 0;
    const y = pb[i] ?? 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return a < b ? -1 : a > b ? 1 : 0;
    if (x !== y) return x - y;
  }
  return 0;
}

export const extensionPlanner: KindPlanner<Extension> = {
  create(o) {
    return [
      stmt({
        sql: `CREATE EXTENSION ${ident(o.name)} WITH SCHEMA ${ident(o.schema)} VERSION ${literal(o.version)}`,
        source: `create extension ${o.name}`,
        rank: RANK.createExtension,
        provides: [id.extension(o.name)],
        needs: [id.schema(o.schema)],
      }),
    ];
  },
  drop(o) {
    return [
      stmt({
        sql: `DROP EXTENSION ${ident(o.name)}`,
        source: `drop extension ${o.name}`,
        rank: RANK.dropExtension,
        removes: [id.extension(o.name)],
        uses: [id.schema(o.schema)],
      }),
    ];
  },
  alter(a, b) {
    if (a.schema !== b.schema) return 'recreate';
    if (a.version === b.version) return [];
    if (compareVersions(b.version, a.version) < 0) {
      throw new FasError(
        'UNSUPPORTED',
        `extension ${a.name}: PostgreSQL has no update path from version ${a.version} down to ${b.version}; ` +
          `drop and re-create the extension by hand if you really need the older version`,
      );
    }
    return [
      stmt({
        sql: `ALTER EXTENSION ${ident(a.name)} UPDATE TO ${literal(b.version)}`,
        source: `update extension ${a.name}`,
        rank: RANK.createExtension,
        provides: [id.extension(a.name)],
        hazards: [hazard.extensionVersion(a.name, a.version, b.version)],
      }),
    ];
  },
};
