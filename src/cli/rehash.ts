import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { flagCommand, type Command } from './command.js';
import { str, onePositional } from './args.js';
import { configuredTarget } from '../apply/target.js';
import { withTarget } from '../engine/with-target.js';
import { revisionDir } from '../apply/options.js';
import { rehashRevision } from '../apply/rehash.js';
import { TARGET_REVISION_FLAGS } from './connections.js';

export const rehashCommand: Command = flagCommand({
  name: 'rehash',
  summary: 're-seal a revision file edited by hand (never an applied one)',
  usage: [
    'fas rehash REV [--db URL] [--dir DIR]',
    '',
    "Writes the checksum of REV's file content into its header, after you reviewed a hand edit.",
    "Refused (exit 1) when the target (--db, DATABASE_URL, or the project's embedded server) has applied REV.",
    'apply still derives the hazards of every statement from its SQL: a re-sealed step that deletes data',
    'needs --allow-hazards DELETES_DATA like a generated one.',
  ].join('\n'),
  spec: { flags: TARGET_REVISION_FLAGS },
  async run(args, io) {
    const ref = onePositional(args, 'fas rehash: name one revision (its id or a unique prefix)');
    const dir = revisionDir(args, io.cwd);
    const target = { db: str(args, 'db'), env: io.env, cwd: io.cwd, log: io.stderr };
    const rehash = (url?: string) => rehashRevision({ dir, ref, url, log: io.stderr });
    // The target when one is configured, else the project's embedded server when it has one (left when the check ends).
    const hasTarget = configuredTarget(target, io.env) !== undefined || existsSync(join(io.cwd, '.fas'));
    const r = hasTarget ? await withTarget(target, rehash) : await rehash();
    if (!hasTarget) io.stderr('warning: no target configured (--db or DATABASE_URL): could not check that no database applied this revision\n');
    if (!r.rewritten) io.stdout(`${r.revision.path}: revision ${r.revision.id} is already sealed (${r.after}); nothing to do\n`);
    else io.stdout(`${r.revision.path}: revision ${r.revision.id} re-sealed (${r.before} -> ${r.after})\n`);
    return 'ok';
  },
});
