/**
 * `fas check` for CI: do the revisions in generated-migrations/ reach schema/?
 * Replays the chain in a scratch database, loads schema/ in another, and
 * compares; also flags revision files edited after they were written.
 */
import { relative, resolve } from 'node:path';
import type { Command, Io, Outcome } from './command.js';
import { oneOf, parseArgs, str } from './args.js';
import { CONNECTION_FLAGS, environment } from './connections.js';
import { withServers } from '../engine/environment.js';
import { readFilesWithRenames } from '../engine/read-source.js';
import { catalogOfChain } from '../engine/revision-source.js';
import { readRevisionDir } from '../revisions/chain.js';
import { revisionDir } from '../apply/options.js';
import { planChanges } from '../plan/planner.js';
import { planJson, renderText } from '../report/render-plan.js';
import { unsupportedIn } from '../diff/diff.js';
import { runCleanups } from '../scratch/cleanup.js';
import { useColor } from '../report/color.js';

const USAGE = `fas check [--dir generated-migrations] [--schema-dir schema] [--format text|json]

For CI: replays the revisions of generated-migrations/ in a scratch database (on --dev-url,
the target's server, or the embedded PostgreSQL 18), loads schema/, and compares them.
The replayed catalog is cached under .fas/history-cache/ by the chain of revision contents:
a chain seen before is not replayed again, a longer one replays only its new revisions.
Exit: 0 they agree; 1 schema/ has changes no revision holds (run \`fas plan\`), or a revision
file was edited after it was written; 2 error.`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'CI: do generated-migrations/ reach schema/?',
  usage: USAGE,
  async run(argv, io: Io): Promise<Outcome> {
    const args = parseArgs(argv, { flags: { ...CONNECTION_FLAGS, dir: 'string', 'schema-dir': 'string', format: 'string' } }, 'check');
    const format = oneOf(str(args, 'format'), ['text', 'json'] as const, 'text', '--format');
    const e = environment(args, io);
    const dir = revisionDir(args, io.cwd);
    const schemaDir = resolve(io.cwd, str(args, 'schema-dir') ?? 'schema');
    try {
      const chain = await readRevisionDir(dir);
      const edited = chain.revisions.filter((r) => r.checksum !== r.actualChecksum);
      // schema/ is read and checked (syntax, allow-list, names) before any server is contacted
      const { loadSource } = await import('../load/index.js');
      const source = await loadSource(schemaDir);
      const { plan, desired } = await withServers(e, async (servers) => {
        const server = await servers.scratch({ near: e.dbUrl, allowNear: true });
        const [fromRevisions, desired] = await Promise.all([catalogOfChain(server, chain, { projectDir: io.cwd, log: io.stderr }), readFilesWithRenames(source, server)]);
        return { plan: planChanges(fromRevisions, desired.catalog), desired };
      });
      const unsupported = [...unsupportedIn(desired.catalog)];
      const rel = (p: string) => relative(io.cwd, p) || '.';
      if (format === 'json') {
        io.stdout(
          JSON.stringify(
            {
              ok: plan.changes.length === 0 && edited.length === 0,
              revisions: chain.revisions.length,
              head: chain.head,
              editedRevisions: edited.map((r) => ({ revision: r.id, path: rel(r.path), checksum: r.checksum, actualChecksum: r.actualChecksum })),
              missing: planJson(plan.changes, plan.statements, unsupported),
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        for (const r of edited)
          io.stdout(`EDITED: ${rel(r.path)} (revision ${r.id}) changed after it was written: its checksum says ${r.checksum}, its content gives ${r.actualChecksum}\n`);
        if (plan.changes.length) {
          io.stdout(`schema/ has changes that no revision in ${rel(dir)} holds; run \`fas plan -m "..."\` and commit the new revision:\n\n`);
          io.stdout(renderText(plan.changes, plan.statements, unsupported, { color: useColor(io) }));
        }
        if (!edited.length && !plan.changes.length)
          io.stdout(`ok: the ${chain.revisions.length} revision(s) of ${rel(dir)} (head ${chain.head ?? 'base'}) reach ${rel(schemaDir)} exactly\n`);
      }
      return plan.changes.length || edited.length ? 'findings' : 'ok';
    } finally {
      await runCleanups();
    }
  },
};
