import type { Command } from './command.js';
import { bool, parseArgs, str, onePositional } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { revisionDir, wholeNumber } from '../apply/options.js';
import { stampFlow } from '../engine/stamp-flow.js';

export const stampCommand: Command = {
  name: 'stamp',
  summary: 'adopt a database built by Alembic or by hand at revision REV',
  usage: [
    'fas stamp REV [--db URL] [--dev-url URL] [--dir DIR] [--force] [--lock-wait SECONDS]',
    '',
    'For a database built by Alembic (from `fas export alembic`) or by hand: checks that its schema',
    'is the state of revision REV (the revisions up to REV replayed in a scratch database and compared),',
    'then records the fas history up to REV and public.alembic_version. Nothing else is run.',
    '--force skips the check. Exit: 0 stamped, 1 refused (differences, fas history present), 2 error.',
  ].join('\n'),
  async run(argv, io) {
    const args = parseArgs(argv, { flags: { ...CONNECTION_FLAGS, dir: 'string', force: 'boolean', 'lock-wait': 'string' } }, 'stamp');
    const ref = onePositional(args, 'fas stamp: name one revision (its id, a unique prefix, or head)');
    const r = await stampFlow({
      dir: revisionDir(args, io.cwd),
      ref,
      db: str(args, 'db'),
      devUrl: environment(args, io).devUrl,
      force: bool(args, 'force'),
      lockWaitSeconds: wholeNumber(args, 'lock-wait'),
      env: io.env,
      cwd: io.cwd,
      log: io.stderr,
    });
    const how = r.checked ? 'its schema matches that revision' : 'not checked (--force)';
    io.stdout(`stamped ${r.revision.id} (${r.recorded.length} revision(s) recorded as applied; ${how})\n`);
    return 'ok';
  },
};
