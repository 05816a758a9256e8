/** Renames declared in table YAML (renamed_from), and the check that no old name is claimed twice. */
import { describeRename, renameKey, type Rename } from '../diff/renames.js';
import { FasError } from '../util/errors.js';
import type { TableSpec } from './table-spec.js';

export function tableRenames(t: TableSpec): Rename[] {
  const out: Rename[] = [];
  if (t.renamedFrom) out.push({ kind: 'table', schema: t.schema, from: t.renamedFrom.value.name, to: t.name, loc: t.renamedFrom.loc });
  for (const c of t.columns)
    if (c.renamedFrom) out.push({ kind: 'column', schema: t.schema, parent: t.name, from: c.renamedFrom.value, to: c.name, loc: c.renamedFrom.loc });
  return out;
}

/** Two objects that claim the same old name, or an old name that is also declared as a new one. */
export function checkRenameClaims(renames: readonly Rename[]): void {
  const seen = new Map<string, Rename>();
  for (const r of renames) {
    const k = renameKey(r, 'from');
    const other = seen.get(k);
    if (other) {
      const at = r.loc ? `${r.loc.file}:${r.loc.line ?? 1}:${r.loc.column ?? 1}: ` : '';
      const there = other.loc ? ` (also declared at ${other.loc.file}:${other.loc.line ?? 1}:${other.loc.column ?? 1})` : '';
      throw new FasError('CONFIG', `${at}two objects claim the old name ${r.from}: ${describeRename(other)} and ${describeRename(r)}${there}`, { location: r.loc });
    }
    seen.set(k, r);
  }
}
