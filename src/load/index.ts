/**
 * The loader: a schema source (directory, .sql or .yaml file) -> ordered DDL
 * statements, each pointing back to its file:line:col. See docs/schema-format.md.
 */
import { readFile } from 'node:fs/promises';
import { FasError } from '../util/errors.js';
import { discover } from './discover.js';
import { checkTableNames } from './name-length.js';
import { orderUnits } from './order.js';
import { schemaUnits } from './schema-file.js';
import { loadSqlFile } from './sql-file.js';
import { tableUnits } from './table-ddl.js';
import { readTable } from './table-spec.js';
import type { LoadedSource, Unit } from './types.js';
import { YamlFile } from './yaml-reader.js';
import type { Rename } from '../diff/renames.js';
import { checkRenameClaims, tableRenames } from './table-renames.js';

export type { LoadedSource, SourceSpan, SourceStatement } from './types.js';
export { runLoadedSource, locateInStatement } from './run.js';
export { loadIntoScratch } from './load-scratch.js';

/** Read, validate and order a schema source. Throws FasError with file:line:col. */
export async function loadSource(path: string): Promise<LoadedSource> {
  const layout = await discover(path);
  const units: Unit[] = [];
  const renames: Rename[] = [];
  const schemaYaml = new Map<string, YamlFile>();
  for (const f of layout.files) {
    let text: string;
    try {
      text = await readFile(f.path, 'utf8');
    } catch (e) {
      throw new FasError('CONFIG', `cannot read ${f.path}`, { cause: e, location: { file: f.path } });
    }
    if (f.kind === 'sql') {
      const fileUnits = await loadSqlFile(f.path, text);
      if (f.dirSchema !== undefined) {
        for (const u of fileUnits) {
          const other = u.ownSchemas.find((s) => s !== f.dirSchema);
          if (other !== undefined) {
            const loc = { file: u.stmt.file, line: u.stmt.line, column: u.stmt.column };
            throw new FasError(
              'CONFIG',
              `${loc.file}:${loc.line}:${loc.column}: ${u.defs[0]?.display ?? 'this statement'} is in schema "${other}" but the file is in directory "${f.dirSchema}" (schema-qualify it, or move the file)`,
              { location: loc },
            );
          }
        }
      }
      units.push(...fileUnits);
      for (const u of fileUnits) renames.push(...(u.renames ?? []));
    } else if (f.kind === 'schema') {
      schemaYaml.set(f.dirSchema!, new YamlFile(f.path, text));
    } else {
      const spec = await readTable(new YamlFile(f.path, text), f.dirSchema);
      checkTableNames(spec);
      units.push(...tableUnits(spec));
      renames.push(...tableRenames(spec));
      if (layout.singleFile) units.push(...schemaUnits(spec.schema, spec.loc, undefined, false));
    }
  }
  const declared = new Set(units.flatMap((u) => u.defs.flatMap((d) => (d.ref.kind === 'schema' ? [d.ref.name] : []))));
  for (const d of layout.schemaDirs) {
    units.push(...schemaUnits(d.name, { file: d.path, line: 1, column: 1 }, schemaYaml.get(d.name), declared.has(d.name)));
  }
  const ordered = orderUnits(units);
  checkRenameClaims(renames);
  return { statements: ordered.map((u) => u.stmt), files: layout.files.map((f) => f.path), renames };
}
