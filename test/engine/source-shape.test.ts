/**
 * The shape rules of src/: no function over 80 lines, no file over 400 lines
 * (cut by meaning), and key strings made only by the reference module
 * (src/catalog/ref.ts): no other file builds a "kind:..." key by hand.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Files over 400 lines and functions over 80, as "path:line (n lines)". */
function oversized(files: readonly string[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    const name = relative(SRC, f);
    if (lines > 400) out.push(`${name} (${lines} lines)`);
    const sf = ts.createSourceFile(f, text, ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        const from = sf.getLineAndCharacterOfPosition(n.getStart()).line;
        const to = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
        if (to - from + 1 > 80) out.push(`${name}:${from + 1} (${to - from + 1} lines)`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

test('src/ has no file over 400 lines and no function over 80', (t) => {
  t.deepEqual(oversized(sources(SRC)), []);
});

test('the checker finds a long function and a long file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'fas-shape-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const long = join(dir, 'long.ts');
  writeFileSync(long, `export function f(): void {\n${Array.from({ length: 80 }, (_, i) => `  const x${i} = ${i};`).join('\n')}\n}\n`);
  const fine = join(dir, 'fine.ts');
  writeFileSync(fine, `export function f(): void {\n${Array.from({ length: 78 }, (_, i) => `  const x${i} = ${i};`).join('\n')}\n}\n${'// filler\n'.repeat(320)}`);
  const big = join(dir, 'big.ts');
  writeFileSync(big, '// filler\n'.repeat(401));
  t.deepEqual(oversized([long, fine, big]).map((x) => x.replace(/^.*?(long|big)/, '$1')), ['long.ts:1 (82 lines)', 'big.ts (401 lines)']);
});

test('no file outside src/catalog/ref.ts writes a key prefix such as `table:${', (t) => {
  const KINDS = ['schema', 'extension', 'table', 'view', 'matview', 'sequence', 'index', 'composite', 'enum', 'domain', 'collation', 'column', 'constraint', 'trigger', 'policy', 'function', 'defaultacl', 'unsupported', 'dropped', 'partition', 'retyped', 'name', 'rel', 'type', 'funcname', 'signature'];
  const hits: string[] = [];
  for (const f of sources(SRC)) {
    if (f.endsWith(join('catalog', 'ref.ts'))) continue;
    const text = readFileSync(f, 'utf8');
    for (const k of KINDS) {
      for (const form of [`\`${k}:\${`, `'${k}:'`, `\`${k}:'`]) if (text.includes(form)) hits.push(`${relative(SRC, f)}: ${form}`);
    }
  }
  t.deepEqual(hits, []);
});
