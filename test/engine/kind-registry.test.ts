/**
 * The kind registry (src/catalog/kinds.ts) is checked by the compiler: a kind
 * missing from the registry, a kind added to the union without an entry, or an
 * entry pointing at the wrong catalog map fails to compile. Each variant is the
 * real source with one edit, type-checked in memory with the TypeScript API.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..', '..');
const KINDS = join(ROOT, 'src', 'catalog', 'kinds.ts');
const MODEL = join(ROOT, 'src', 'catalog', 'model.ts');

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2023.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

const cache = new Map<string, ts.SourceFile>();

/** Type-check kinds.ts (and what it imports) with some files' text replaced; returns the error messages. */
function errors(overrides: Record<string, string>): string[] {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError, fresh) => {
    const path = resolve(file);
    if (path in overrides) return ts.createSourceFile(file, overrides[path]!, lang);
    let sf = cache.get(path);
    if (!sf) {
      sf = read(file, lang, onError, fresh);
      if (sf) cache.set(path, sf);
    }
    return sf;
  };
  const program = ts.createProgram([KINDS], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** The real file with one edit; fails the test if the edit does not apply. */
function edited(path: string, from: RegExp | string, to: string): string {
  const text = readFileSync(path, 'utf8');
  const out = text.replace(from, to);
  if (out === text) throw new Error(`edit did not apply to ${path}: ${String(from)}`);
  return out;
}

test('the registry as it is compiles', (t) => {
  t.deepEqual(errors({}), []);
});

test('removing a kind from the registry fails to compile', (t) => {
  const withoutPolicy = edited(KINDS, /\n {2}policy: \{[^\n]*/, '');
  const errs = errors({ [KINDS]: withoutPolicy });
  t.true(errs.some((e) => /'policy'/.test(e) && /missing/.test(e)), errs.join('\n'));
});

test('adding a kind to the union without a registry entry fails to compile', (t) => {
  const withRule = edited(MODEL, /\| Unsupported;/, "| Unsupported\n  | { readonly kind: 'rule'; readonly schema: string; readonly name: string };");
  const errs = errors({ [MODEL]: withRule });
  t.true(errs.some((e) => /'rule'/.test(e) && /missing/.test(e)), errs.join('\n'));
});

test('an entry pointing at another kind’s catalog map fails to compile', (t) => {
  const wrongMap = edited(KINDS, "map: 'policies'", "map: 'triggers'");
  const errs = errors({ [KINDS]: wrongMap });
  t.true(errs.some((e) => /"triggers"/.test(e) && /"policies"/.test(e)), errs.join('\n'));
});
