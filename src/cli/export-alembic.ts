import { relative, resolve } from 'node:path';
import { flagCommand, type Command } from './command.js';
import { str, onePositional } from './args.js';
import { FasError } from '../util/errors.js';
import { readRevisionDir } from '../revisions/chain.js';
import { exportAlembic } from '../revisions/alembic-export.js';
import { revisionDir } from '../apply/options.js';

/** The first line of the usage text, also what a wrong call is told. */
const SYNOPSIS = 'fas export alembic --out DIR [--dir generated-migrations]';

export const exportCommand: Command = flagCommand({
  name: 'export',
  summary: 'export alembic --out DIR: revisions as Alembic files',
  usage: [
    SYNOPSIS,
    '',
    'Writes one Alembic revision file per fas revision into DIR (an Alembic versions directory):',
    'one op.execute per statement; non-transactional statements run in an autocommit_block.',
  ].join('\n'),
  spec: { flags: { out: 'string', dir: 'string' } },
  async run(args, io) {
    const usage = `usage: ${SYNOPSIS}`;
    if (onePositional(args, usage) !== 'alembic') throw new FasError('CONFIG', usage);
    const out = str(args, 'out');
    if (!out) throw new FasError('CONFIG', 'fas export alembic: --out DIR is required');
    const dir = revisionDir(args, io.cwd);
    const chain = await readRevisionDir(dir);
    for (const r of chain.revisions) {
      if (r.checksum !== r.actualChecksum) io.stderr(`fas export: warning: ${relative(io.cwd, r.path)} was edited after it was written (checksum mismatch)\n`);
    }
    if (chain.revisions.length === 0) io.stderr(`fas export: no revisions in ${relative(io.cwd, dir) || '.'}\n`);
    const written = await exportAlembic(chain.revisions, resolve(io.cwd, out));
    for (const p of written) io.stdout(`${relative(io.cwd, p)}\n`);
    return 'ok';
  },
});
