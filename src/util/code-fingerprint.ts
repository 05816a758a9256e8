/**
 * A hash of a module and everything it imports from this project (relative
 * imports, followed transitively): caches of derived data use it in their keys,
 * so a change to the code that derives the data invalidates them. Works on the
 * compiled .js files and, under tsx, on the .ts sources.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+['"](\.[^'"]+)['"]|^\s*import\s*\(\s*['"](\.[^'"]+)['"]\s*\)|await import\(\s*['"](\.[^'"]+)['"]\s*\)/gm;

function resolveFile(from: string, spec: string): string | undefined {
  const p = resolve(dirname(from), spec);
  if (existsSync(p)) return p;
  const ts = p.replace(/\.js$/, '.ts');
  return existsSync(ts) ? ts : undefined;
}

const memo = new Map<string, string>();

/**
 * The files of a module and of everything it imports from this project: static imports and
 * `await import('./x.js')`, followed transitively, in the order they are found.
 */
export function codeFiles(moduleUrl: string): string[] {
  const url = fileURLToPath(moduleUrl);
  const start = existsSync(url) ? url : url.replace(/\.js$/, '.ts');
  const seen = new Set<string>([start]);
  const queue = [start];
  const out: string[] = [];
  while (queue.length) {
    const f = queue.shift()!;
    out.push(f);
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) {
      const dep = resolveFile(f, (m[1] ?? m[2] ?? m[3])!);
      if (dep && !seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  return out;
}

export function codeFingerprint(moduleUrl: string, extra = ''): string {
  const key = `${moduleUrl}\0${extra}`;
  const known = memo.get(key);
  if (known) return known;
  const h = createHash('sha256').update(extra);
  for (const f of codeFiles(moduleUrl)) h.update(f.slice(f.lastIndexOf('/src/'))).update('\0').update(readFileSync(f, 'utf8')).update('\0');
  const out = h.digest('hex');
  memo.set(key, out);
  return out;
}
