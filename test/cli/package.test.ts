/**
 * A clean install: package-lock.json's root entry says what package.json says
 * (npm rewrites the lock on `npm install` otherwise, leaving a fresh clone
 * dirty), and the package name is not npm's unrelated `fas` (the command is).
 * The full check, `git clone && npm install && git status --porcelain`, takes
 * minutes on this machine; this catches the usual cause in milliseconds.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
type Deps = Record<string, string> | undefined;
interface Pkg {
  name: string;
  version: string;
  bin?: Record<string, string>;
  engines?: Record<string, string>;
  dependencies?: Deps;
  devDependencies?: Deps;
  optionalDependencies?: Deps;
}

test('package-lock.json agrees with package.json; the package is fas-schema and the command fas', async (t) => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Pkg;
  const lock = JSON.parse(await readFile(join(ROOT, 'package-lock.json'), 'utf8')) as Pkg & { packages: Record<string, Pkg> };
  const root = lock.packages['']!;
  t.is(pkg.name, 'fas-schema');
  t.deepEqual(pkg.bin, { fas: 'bin/fas.js' });
  t.is(lock.name, pkg.name);
  t.is(root.name, pkg.name);
  t.is(root.version, pkg.version);
  t.deepEqual(root.bin, pkg.bin);
  for (const k of ['dependencies', 'devDependencies', 'optionalDependencies'] as const) t.deepEqual(root[k] ?? {}, pkg[k] ?? {}, k);
  // every declared dependency is locked
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })) t.truthy(lock.packages[`node_modules/${name}`], name);
});
