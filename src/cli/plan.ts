import type { Command, Io, Outcome } from './command.js';
import { bool, oneOf, parseArgs, str } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { scratchServer } from '../engine/environment.js';
import { loadFilesIntoScratch, readDatabase } from '../engine/read-source.js';
import { loadSource } from '../load/index.js';
import { verifyOnDesiredCopy } from '../engine/verify.js';
import { planChanges } from '../plan/planner.js';
import { reverseRenames, type Rename } from '../diff/renames.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { diffCatalogs, unsupportedIn } from '../diff/diff.js';
import { planJson, renderText } from '../report/render-plan.js';
import { useColor } from '../report/color.js';
import { readRevisionDir } from '../revisions/chain.js';
import { isRevisionId, newRevisionId } from '../revisions/revision-id.js';
import { writeRevision } from '../revisions/write.js';
import { readTargetStatus } from '../apply/inspect.js';
import { resolveTarget } from '../apply/target.js';
import { revisionDir } from '../apply/options.js';
import { catalogOfRevisions } from '../engine/history-catalog.js';
import { describe } from '../catalog/identity.js';
import { changeObject } from '../diff/change.js';
import { FasError } from '../util/errors.js';
import { ALL } from '../diff/scope.js';
import { resolve } from 'node:path';
import type { Catalog } from '../catalog/model.js';
import { withSizes } from '../apply/relation-sizes.js';

const USAGE = `fas plan [-m MSG] [--rev-id ID] [--dry-run] [--format text|json] [--schema-dir schema] [--dir generated-migrations] [--no-verify]

Compares schema/ with the target database (--db / DATABASE_URL / embedded PostgreSQL 18)
and writes one new revision into generated-migrations/: an upgrade and a downgrade of
single statements, both replayed in a scratch database before anything is written.`;

/** Upgrade and downgrade; hazards that scan or rewrite a table carry its size in the target (kept in the revision's step comments). */
async function planBothWays(current: Catalog, desired: Catalog, renames: readonly Rename[], target: string) {
  const up = planChanges(current, desired, ALL, renames);
  const down = planChanges(desired, current, ALL, reverseRenames(up.renames));
  return { up: { ...up, statements: await withSizes(target, up.statements) }, down: { ...down, statements: await withSizes(target, down.statements) } };
}

export const planCommand: Command = {
  name: 'plan',
  summary: 'write a new revision from schema/',
  usage: USAGE,
  async run(argv, io: Io): Promise<Outcome> {
    const args = parseArgs(
      argv,
      {
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
      'plan',
    );
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const revId = str(args, 'rev-id') ?? newRevisionId();
    if (!isRevisionId(revId)) throw new FasError('CONFIG', `--rev-id must be 12 lowercase hex digits, as Alembic makes them; got ${revId}`);
    const e = environment(args, io);
    const dir = revisionDir(args, io.cwd);
    const schemaDir = resolve(io.cwd, str(args, 'schema-dir') ?? 'schema');
    const source = await loadSource(schemaDir); // read and checked (allow-list, names) before any server is contacted
    const chain = await readRevisionDir(dir);
    if (chain.revisions.some((r) => r.id === revId)) throw new FasError('REVISION', `revision ${revId} already exists in ${dir}`);
    const target = await resolveTarget({ db: str(args, 'db') }, io.env, io.cwd);

    // the target must be at the newest revision, unchanged
    const status = await readTargetStatus(target, chain, 'plan');
    if (status.unknown.length || status.inconsistencies.length)
      throw new FasError('DRIFT', `the target's revision history disagrees with ${dir}: ${[...status.inconsistencies, ...status.unknown.map((u) => `unknown revision ${u.revision}`)].join('; ')}`, { refused: true });
    if (status.pending.length)
      throw new FasError(
        'DRIFT',
        `the target is ${status.pending.length} revision(s) behind ${dir} (next: ${status.pending[0]!.id}); run \`fas apply\` first, then plan again`,
        { refused: true },
      );

    const server = await scratchServer(e, { near: target, allowNear: true });
    const [current, loaded] = await Promise.all([readDatabase(target, { applicationName: 'fas plan' }), loadFilesIntoScratch(source, server)]);
    const desired = loaded.catalog;
    if (chain.revisions.length) {
      const { catalog: expected } = await catalogOfRevisions(server, chain.revisions, { projectDir: io.cwd, applicationName: 'fas plan', log: io.stderr });
      const drift = diffCatalogs(expected, current, ALL);
      if (drift.length)
        throw new FasError(
          'DRIFT',
          `the target has drifted from what ${dir} says (${drift.length} object(s)):\n` +
            drift.map((c) => `  ${c.op} ${describe(changeObject(c))}`).join('\n') +
            `\nrun \`fas diff --from ${'<target>'} --to <revisions>\` to inspect, then fix the target or write a revision by hand`,
          { refused: true },
        );
    }
    const { up, down } = await planBothWays(current, desired, loaded.renames, target);
    const unsupported = [...unsupportedIn(current), ...unsupportedIn(desired)];
    if (!up.changes.length) {
      await loaded.db.drop();
      if (format === 'json') io.stdout(JSON.stringify({ revision: null, same: true, unsupported }, null, 2) + '\n');
      else io.stdout('No changes: the target database matches schema/. Nothing to write.\n');
      return 'ok';
    }
    await checkSingleStatements(up.statements);
    await checkSingleStatements(down.statements);
    if (!bool(args, 'no-verify')) {
      io.stderr('fas: verifying the upgrade and the downgrade in a scratch database...\n');
      const warnings = await verifyOnDesiredCopy({ url: loaded.db.url, current, desired, upgrade: up.statements, downgrade: down.statements, scope: ALL, renames: { upgrade: up.renames, downgrade: down.renames } });
      for (const w of warnings) io.stderr(`fas: warning: ${w}\n`);
    }
    await loaded.db.drop();
    const message = str(args, 'message') ?? 'schema change';
    const revision = {
      id: revId,
      parent: chain.head,
      message,
      created: new Date().toISOString(),
      upgrade: up.statements,
      downgrade: down.statements,
    };
    let path: string | null = null;
    if (!bool(args, 'dry-run')) path = await writeRevision(dir, revision);
    if (format === 'json') {
      io.stdout(JSON.stringify({ revision: { id: revId, parent: chain.head, message, path, dryRun: bool(args, 'dry-run') }, upgrade: planJson(up.changes, up.statements, unsupported, up.notes), downgrade: planJson(down.changes, down.statements, [], down.notes) }, null, 2) + '\n');
    } else {
      io.stdout(renderText(up.changes, up.statements, unsupported, { notes: up.notes, color: useColor(io) }));
      io.stdout(path ? `\nWrote ${path} (revision ${revId}, parent ${chain.head ?? 'base'}).\nReview it, then run \`fas apply\`.\n` : `\nDry run: revision ${revId} was not written.\n`);
    }
    return 'ok';
  },
};
