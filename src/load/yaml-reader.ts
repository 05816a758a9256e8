/** Strict, position-aware reading of YAML nodes: every error names file:line:col. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { FasError } from '../util/errors.js';
import type { Loc } from './types.js';

export class YamlFile {
  readonly lines = new LineCounter();
  readonly root: Node | null;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const err = doc.errors[0];
    if (err) {
      const loc = this.locAt(err.pos[0]);
      const message = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      throw new FasError('YAML', `${file}:${loc.line}:${loc.column}: malformed YAML: ${message}`, { location: loc });
    }
    this.root = (doc.contents as Node | null) ?? null;
  }

  locAt(offset: number): Loc {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  loc(node: Node | null | undefined): Loc {
    return this.locAt(node?.range?.[0] ?? 0);
  }

  fail(node: Node | null | undefined, message: string): never {
    const loc = this.loc(node);
    throw new FasError('YAML', `${this.file}:${loc.line}:${loc.column}: ${message}`, { location: loc });
  }

  /** A mapping with only the allowed keys; returns key -> value node. */
  map(node: Node | null | undefined, what: string, allowed: readonly string[], required: readonly string[] = []): Map<string, Node> {
    if (!isMap(node)) this.fail(node, `${what} must be a mapping`);
    const out = new Map<string, Node>();
    for (const pair of (node as YAMLMap<unknown, unknown>).items) {
      const key = pair.key as Node;
      if (!isScalar(key) || typeof key.value !== 'string') this.fail(key, `${what}: keys must be strings`);
      const name = (key as Scalar<string>).value;
      if (!allowed.includes(name)) this.fail(key, `${what}: unknown key "${name}" (allowed: ${allowed.join(', ')})`);
      const value = pair.value as Node | null;
      if (value === null || (isScalar(value) && value.value === null)) this.fail(value ?? key, `${what}: "${name}" has no value`);
      out.set(name, value);
    }
    for (const r of required) if (!out.has(r)) this.fail(node, `${what}: missing key "${r}"`);
    return out;
  }

  seq(node: Node, what: string): Node[] {
    if (!isSeq(node)) this.fail(node, `${what} must be a list`);
    return (node as YAMLSeq<Node>).items;
  }

  str(node: Node, what: string): string {
    if (!isScalar(node) || node.value === null || typeof node.value === 'object') this.fail(node, `${what} must be a string`);
    const v = (node as Scalar).value;
    if (typeof v === 'boolean') this.fail(node, `${what} must be a string, not a boolean`);
    const s = String(v);
    if (s.trim() === '') this.fail(node, `${what} must not be empty`);
    return s;
  }

  bool(node: Node, what: string): boolean {
    if (!isScalar(node) || typeof node.value !== 'boolean') this.fail(node, `${what} must be true or false`);
    return (node as Scalar<boolean>).value;
  }

  strList(node: Node, what: string): { value: string; node: Node }[] {
    return this.seq(node, what).map((n) => ({ value: this.str(n, `${what} item`), node: n }));
  }

  /**
   * Where the character at `offset` of a scalar's string value sits in the file.
   * Exact for plain and quoted one-line scalars without escapes; else the scalar's start.
   */
  valueLoc(node: Node, offset: number): Loc {
    const start = node.range?.[0] ?? 0;
    if (isScalar(node)) {
      const raw = this.text.slice(start, node.range?.[1] ?? start);
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      const inner = quoted ? raw.slice(1, -1) : raw;
      if ((node.type === Scalar.PLAIN || quoted) && !inner.includes('\n') && inner === String(node.value)) {
        return this.locAt(start + (quoted ? 1 : 0) + Math.max(0, Math.min(offset, inner.length)));
      }
    }
    return this.locAt(start);
  }
}
