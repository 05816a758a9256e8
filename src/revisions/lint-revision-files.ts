/** Lint fas revision files: format, single parseable statements, checksums, one linear chain. */
import { readFile } from 'node:fs/promises';
import { FasError } from '../util/errors.js';
import type { RevisionFile } from './types.js';
import type { LintFinding } from './lint-finding.js';
import { checkChain } from './chain.js';
import { CHECKSUM_PREFIX } from './checksum.js';
import { parseRevisionFile } from './parse.js';

function checksumLine(text: string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.startsWith(CHECKSUM_PREFIX));
  return i >= 0 ? i + 1 : 1;
}

/** Lint revision files; with chain=true they are one directory's chain. display maps a path to how it is shown. */
export async function lintRevisionFiles(paths: readonly string[], chain: boolean, display: (p: string) => string): Promise<LintFinding[]> {
  const findings: LintFinding[] = [];
  const parsed: RevisionFile[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    try {
      const f = await parseRevisionFile(path, text);
      parsed.push(f);
      if (f.checksum !== f.actualChecksum) {
        findings.push({
          file: display(path),
          line: checksumLine(text),
          column: 1,
          severity: 'error',
          rule: 'checksum',
          message: `the file was edited after it was written: checksum ${f.checksum} but the content hashes to ${f.actualChecksum}`,
        });
      }
    } catch (e) {
      if (!(e instanceof FasError)) throw e;
      findings.push({ file: display(path), line: e.location?.line ?? 1, column: e.location?.column ?? 1, severity: 'error', rule: 'revision-format', message: e.message });
    }
  }
  if (chain) {
    for (const p of checkChain(parsed).problems) {
      findings.push({ file: display(p.location.file), line: 1, column: 1, severity: 'error', rule: 'chain', message: p.message.replaceAll(/\S+\.sql/g, (m) => display(m)) });
    }
  }
  return findings;
}
