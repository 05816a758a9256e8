/**
 * fas lint: revision files (*.sql) and hand-written Alembic revisions (*.py).
 * A directory's *.sql files are one revision chain; *.py files are found recursively.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { FasError } from '../util/errors.js';
import { sortFindings, type LintFinding } from './lint-finding.js';
import { lintPythonSource } from './lint-python.js';
import { lintRevisionFiles } from './lint-revision-files.js';

export interface LintResult {
  readonly findings: LintFinding[];
  readonly filesChecked: number;
}

const SKIP_DIRS = new Set(['__pycache__', 'node_modules', '.git', '.venv', 'venv', '.fas']);

async function pythonFilesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) out.push(...(await pythonFilesUnder(join(dir, e.name))));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(join(dir, e.name));
  }
  return out.sort();
}

export async function lintPaths(paths: readonly string[], cwd: string): Promise<LintResult> {
  const display = (p: string) => {
    const r = relative(cwd, p);
    return r.startsWith('..') ? p : r;
  };
  const findings: LintFinding[] = [];
  let filesChecked = 0;
  const lintPy = async (p: string) => {
    filesChecked++;
    findings.push(...(await lintPythonSource(display(p), await readFile(p, 'utf8'))));
  };
  for (const given of paths) {
    const p = resolve(cwd, given);
    const st = await stat(p).catch(() => null);
    if (!st) throw new FasError('CONFIG', `fas lint: ${given} does not exist`);
    if (st.isDirectory()) {
      const entries = await readdir(p, { withFileTypes: true });
      const sql = entries.filter((e) => e.isFile() && e.name.endsWith('.sql')).map((e) => join(p, e.name)).sort();
      filesChecked += sql.length;
      findings.push(...(await lintRevisionFiles(sql, true, display)));
      for (const py of await pythonFilesUnder(p)) await lintPy(py);
    } else if (extname(p) === '.sql') {
      filesChecked++;
      findings.push(...(await lintRevisionFiles([p], false, display)));
    } else if (extname(p) === '.py') {
      await lintPy(p);
    } else {
      throw new FasError('CONFIG', `fas lint: ${given} is neither a directory, a .sql revision file nor a .py Alembic revision`);
    }
  }
  return { findings: sortFindings(findings), filesChecked };
}
