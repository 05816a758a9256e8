import { flagCommand, type Command, type Io, type Outcome } from './command.js';
import { bool, oneOf, str } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { planJson, renderText } from '../report/render-plan.js';
import { useColor } from '../report/color.js';
import { isRevisionId, newRevisionId } from '../revisions/revision-id.js';
import { revisionDir } from '../apply/options.js';
import { planFlow } from '../engine/plan-flow.js';
import { FasError } from '../util/errors.js';
import { resolve } from 'node:path';

const USAGE = `fas plan [-m MSG] [--rev-id ID] [--dry-run] [--format text|json] [--schema-dir schema] [--dir generated-migrations] [--no-verify]

Compares schema/ with the target database (--db / DATABASE_URL / embedded PostgreSQL 18)
and writes one new revision into generated-migrations/: an upgrade and a downgrade of
single statements, both replayed in a scratch database before anything is written.`;

export const planCommand: Command = flagCommand({
  name: 'plan',
  summary: 'write a new revision from schema/',
  usage: USAGE,
  spec: {
    flags: {
      ...CONNECTION_FLAGS,
      message: 'string',
      'rev-id': 'string',
      'dry-run': 'boolean',
      format: 'string',
      'schema-dir': 'string',
      dir: 'string',
      'no-verify': 'boolean',
    },
    aliases: { m: 'message' },
  },
  async run(args, io: Io): Promise<Outcome> {
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const revId = str(args, 'rev-id') ?? newRevisionId();
    if (!isRevisionId(revId)) throw new FasError('CONFIG', `--rev-id must be 12 lowercase hex digits, as Alembic makes them; got ${revId}`);
    const r = await planFlow({
      schemaDir: resolve(io.cwd, str(args, 'schema-dir') ?? 'schema'),
      dir: revisionDir(args, io.cwd),
      revId,
      message: str(args, 'message') ?? 'schema change',
      dryRun: bool(args, 'dry-run'),
      verify: !bool(args, 'no-verify'),
      environment: environment(args, io),
      progress: io.stderr,
    });
    if (r.same) {
      if (format === 'json') io.stdout(JSON.stringify({ revision: null, same: true, unsupported: r.unsupported }, null, 2) + '\n');
      else io.stdout('No changes: the target database matches schema/. Nothing to write.\n');
      return 'ok';
    }
    for (const w of r.warnings) io.stderr(`fas: warning: ${w}\n`);
    const { up, down, path, parent } = r;
    if (format === 'json') {
      const revision = { id: revId, parent, message: str(args, 'message') ?? 'schema change', path, dryRun: bool(args, 'dry-run') };
      io.stdout(JSON.stringify({ revision, upgrade: planJson(up.changes, up.statements, r.unsupported, up.notes), downgrade: planJson(down.changes, down.statements, [], down.notes) }, null, 2) + '\n');
    } else {
      io.stdout(renderText(up.changes, up.statements, r.unsupported, { notes: up.notes, color: useColor(io) }));
      io.stdout(path ? `\nWrote ${path} (revision ${revId}, parent ${parent ?? 'base'}).\nReview it, then run \`fas apply\`.\n` : `\nDry run: revision ${revId} was not written.\n`);
    }
    return 'ok';
  },
});
