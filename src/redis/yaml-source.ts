/**
 * Parse a YAML file into a Document with a LineCounter, so that any path in it
 * can be turned into file:line:col.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { FasError, type SourceLocation } from '../util/errors.js';

export interface YamlSource {
  readonly file: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  /** Plain JS value of the document. */
  readonly value: unknown;
}

/** Read `path`; messages and locations name it `file` (as the user gave it). */
export async function readYamlFile(path: string, what: string, file: string = path): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new FasError('CONFIG', `cannot read ${what} ${file}: ${why}`, { cause: e, location: { file } });
  }
  return parseYamlText(file, text, what);
}

export function parseYamlText(file: string, text: string, what: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const pos = first.linePos?.[0] ?? lines.linePos(first.pos[0]);
    // Only the first line of the parser message: later lines quote the source, which may hold secrets.
    const message = first.message.split('\n')[0]!;
    const more = doc.errors.length > 1 ? ` (and ${doc.errors.length - 1} more)` : '';
    throw new FasError('YAML', `malformed ${what}: ${message}${more}`, { location: { file, line: pos.line, column: pos.col } });
  }
  return { file, doc, lines, value: doc.toJS() };
}

/** Location of the value at a path (or of the key, with `key: true`); falls back to the nearest ancestor. */
export function locate(src: YamlSource, path: readonly (string | number)[], opts: { key?: boolean } = {}): SourceLocation {
  for (let n = path.length; n >= 0; n--) {
    const prefix = path.slice(0, n);
    const offset = opts.key && n === path.length && n > 0 ? keyOffset(src, prefix) : valueOffset(src, prefix);
    if (offset !== undefined) {
      const pos = src.lines.linePos(offset);
      return { file: src.file, line: pos.line, column: pos.col };
    }
  }
  return { file: src.file };
}

function valueOffset(src: YamlSource, path: readonly (string | number)[]): number | undefined {
  const node = path.length === 0 ? src.doc.contents : src.doc.getIn(path, true);
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function keyOffset(src: YamlSource, path: readonly (string | number)[]): number | undefined {
  const parent = path.length === 1 ? src.doc.contents : src.doc.getIn(path.slice(0, -1), true);
  const name = path[path.length - 1];
  if (!isMap(parent)) return undefined;
  for (const pair of parent.items) {
    if (isScalar(pair.key) && pair.key.value === name && pair.key.range) return pair.key.range[0];
  }
  return undefined;
}
