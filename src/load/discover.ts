/** Which files make up a schema source, in a deterministic order. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { FasError } from '../util/errors.js';

export type SourceFileKind = 'sql' | 'table' | 'schema';

export interface SourceFile {
  readonly path: string;
  readonly kind: SourceFileKind;
  /** The schema directory the file lives in; undefined for top-level and single files. */
  readonly dirSchema?: string;
}

export interface SourceLayout {
  readonly files: readonly SourceFile[];
  /** Schema directories, each with its path (they imply CREATE SCHEMA). */
  readonly schemaDirs: readonly { name: string; path: string }[];
  readonly singleFile: boolean;
}

const IGNORED = (name: string) => name.startsWith('.') || extname(name).toLowerCase() === '.md';
const isYaml = (name: string) => ['.yaml', '.yml'].includes(extname(name).toLowerCase());
const isSql = (name: string) => extname(name).toLowerCase() === '.sql';
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function entries(dir: string): Promise<{ name: string; dir: boolean }[]> {
  const list = await readdir(dir, { withFileTypes: true });
  return list
    .filter((e) => !IGNORED(e.name))
    .map((e) => ({ name: e.name, dir: e.isDirectory() }))
    .sort((a, b) => byName(a.name, b.name));
}

async function schemaDirFiles(dir: string, schema: string, top: boolean, out: SourceFile[]): Promise<void> {
  for (const e of await entries(dir)) {
    const p = join(dir, e.name);
    if (e.dir) await schemaDirFiles(p, schema, false, out);
    else if (top && e.name === 'schema.yaml') out.push({ path: p, kind: 'schema', dirSchema: schema });
    else if (isYaml(e.name)) out.push({ path: p, kind: 'table', dirSchema: schema });
    else if (isSql(e.name)) out.push({ path: p, kind: 'sql', dirSchema: schema });
    else throw new FasError('CONFIG', `${p}: not a schema file (expected .yaml, .yml or .sql)`, { location: { file: p } });
  }
}

export async function discover(path: string): Promise<SourceLayout> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw new FasError('CONFIG', `schema source ${path} does not exist`, { cause: e, location: { file: path } });
  }
  if (st.isFile()) {
    if (isSql(path)) return { files: [{ path, kind: 'sql' }], schemaDirs: [], singleFile: true };
    if (isYaml(path)) return { files: [{ path, kind: 'table' }], schemaDirs: [], singleFile: true };
    throw new FasError('CONFIG', `${path}: a schema source is a directory, a .sql or a .yaml file`, { location: { file: path } });
  }
  const files: SourceFile[] = [];
  const schemaDirs: { name: string; path: string }[] = [];
  const top = await entries(path);
  // Top-level SQL files first (extensions, roles-independent setup), then schema directories.
  for (const e of top) {
    const p = join(path, e.name);
    if (e.dir) continue;
    if (isSql(e.name)) files.push({ path: p, kind: 'sql' });
    else throw new FasError('CONFIG', `${p}: only .sql files may sit at the top of a schema directory; tables go in <schema>/<table>.yaml`, { location: { file: p } });
  }
  for (const e of top) {
    if (!e.dir) continue;
    const p = join(path, e.name);
    schemaDirs.push({ name: e.name, path: p });
    await schemaDirFiles(p, e.name, true, files);
  }
  return { files, schemaDirs, singleFile: false };
}
