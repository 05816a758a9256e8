import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './command.js';
import { oneOf, parseArgs, str } from './args.js';
import { lintPaths } from '../revisions/lint.js';
import { formatFinding } from '../revisions/lint-finding.js';

export const lintCommand: Command = {
  name: 'lint',
  summary: 'check revision files and hand-written Alembic revisions',
  usage: [
    'fas lint [PATH...] [--format text|json]',
    '',
    'Checks fas revision files (*.sql: one parseable statement per step, checksums, one linear chain)',
    'and hand-written Alembic revisions (*.py: one SQL statement per op.execute, as asyncpg requires).',
    'A PATH is a directory or a file; with none, generated-migrations/ is checked.',
    'Exit status: 0 clean, 1 findings (errors or warnings), 2 error.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { format: 'string' } }, 'lint');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    let paths = args.positional;
    if (paths.length === 0) {
      if (!existsSync(join(io.cwd, 'generated-migrations'))) {
        io.stderr('fas lint: generated-migrations/ does not exist; nothing to lint\n');
        if (format === 'json') io.stdout(JSON.stringify({ files: 0, findings: [] }, null, 2) + '\n');
        return 'ok';
      }
      paths = ['generated-migrations'];
    }
    const { findings, filesChecked } = await lintPaths(paths, io.cwd);
    if (format === 'json') {
      io.stdout(JSON.stringify({ files: filesChecked, findings }, null, 2) + '\n');
    } else {
      for (const f of findings) io.stdout(formatFinding(f) + '\n');
      const errors = findings.filter((f) => f.severity === 'error').length;
      io.stderr(`fas lint: ${filesChecked} file(s), ${errors} error(s), ${findings.length - errors} warning(s)\n`);
    }
    return findings.length > 0 ? 'findings' : 'ok';
  },
};
