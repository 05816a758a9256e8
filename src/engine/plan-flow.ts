/**
 * fas plan as an engine function: schema/ read and checked before any server
 * is contacted; the target must be at the newest revision and unchanged (its
 * catalog equals the replayed history); upgrade and downgrade planned, with
 * the target's table sizes in their hazards, verified on a scratch copy of
 * the desired state (dropped on every path), and written as one revision.
 */
import type { Catalog } from '../catalog/model.js';
import { describe } from '../catalog/identity.js';
import { changeObject } from '../diff/change.js';
import { diffCatalogs, unsupportedIn } from '../diff/diff.js';
import { reverseRenames, type Rename } from '../diff/renames.js';
import { ALL } from '../diff/scope.js';
import { readTargetStatus } from '../apply/inspect.js';
import { hazardTableSizes } from '../apply/relation-sizes.js';
import { annotateHazardSizes } from '../plan/hazard-sizes.js';
import { loadSource } from '../load/index.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import { planChanges, type PlanResult } from '../plan/planner.js';
import { readRevisionDir } from '../revisions/chain.js';
import type { RevisionChain } from '../revisions/types.js';
import { writeRevision } from '../revisions/write.js';
import { FasError } from '../util/errors.js';
import { withServers, type Environment } from './environment.js';
import { allOrRelease } from '../util/settle.js';
import { catalogOfRevisions } from './history-catalog.js';
import { loadFilesIntoScratch, readDatabase } from './read-source.js';
import { verifyOnDesiredCopy } from './verify.js';

export interface PlanFlowOptions {
  readonly schemaDir: string;
  /** The revision directory (absolute). */
  readonly dir: string;
  readonly revId: string;
  readonly message: string;
  readonly dryRun: boolean;
  readonly verify: boolean;
  readonly environment: Environment;
  /** Progress text for a person (stderr), written as given. */
  readonly progress: (text: string) => void;
}

export type PlanFlowResult =
  | { readonly same: true; readonly unsupported: ReturnType<typeof unsupportedIn> }
  | {
      readonly same: false;
      readonly unsupported: ReturnType<typeof unsupportedIn>;
      readonly parent: string | null;
      /** Where the revision was written; null on a dry run. */
      readonly path: string | null;
      readonly up: PlanResult;
      readonly down: PlanResult;
      /** Warnings of the verification (a step that fails on sample rows, ...). */
      readonly warnings: readonly string[];
    };

export async function planFlow(o: PlanFlowOptions): Promise<PlanFlowResult> {
  const e = o.environment;
  const source = await loadSource(o.schemaDir); // read and checked (allow-list, names) before any server is contacted
  const chain = await readRevisionDir(o.dir);
  if (chain.revisions.some((r) => r.id === o.revId)) throw new FasError('REVISION', `revision ${o.revId} already exists in ${o.dir}`);
  return withServers(e, async (servers) => {
    const target = await servers.target();
    await assertAtHead(target, chain, o.dir);
    const server = await servers.scratch({ near: target, allowNear: true });
    const [current, loaded] = await allOrRelease<[Catalog, Awaited<ReturnType<typeof loadFilesIntoScratch>>]>(
      [readDatabase(target, { applicationName: 'fas plan' }), loadFilesIntoScratch(source, server)],
      async (x) => ('db' in x ? x.db.drop() : undefined),
    );
    try {
      return await planOnScratch(o, { chain, target, server, current, loaded });
    } finally {
      await loaded.db.drop();
    }
  });
}

/** Drift, both ways, verification and the revision file, with the desired state loaded in a scratch database. */
async function planOnScratch(
  o: PlanFlowOptions,
  s: { chain: RevisionChain; target: string; server: string; current: Catalog; loaded: Awaited<ReturnType<typeof loadFilesIntoScratch>> },
): Promise<PlanFlowResult> {
  const { chain, target, server, current, loaded } = s;
  if (chain.revisions.length) await assertNoDrift(server, chain, current, o.dir, o.environment.cwd, o.progress);
  const desired = loaded.catalog;
  const { up, down } = await planBothWays(current, desired, loaded.renames, target);
  const unsupported = [...unsupportedIn(current), ...unsupportedIn(desired)];
  if (!up.changes.length) return { same: true, unsupported };
  await checkSingleStatements(up.statements);
  await checkSingleStatements(down.statements);
  let warnings: string[] = [];
  if (o.verify) {
    o.progress('fas: verifying the upgrade and the downgrade in a scratch database...\n');
    warnings = await verifyOnDesiredCopy({ url: loaded.db.url, current, desired, upgrade: up.statements, downgrade: down.statements, scope: ALL, renames: { upgrade: up.renames, downgrade: down.renames } });
  }
  const revision = { id: o.revId, parent: chain.head, message: o.message, created: new Date().toISOString(), upgrade: up.statements, downgrade: down.statements };
  const path = o.dryRun ? null : await writeRevision(o.dir, revision);
  return { same: false, unsupported, parent: chain.head, path, up, down, warnings };
}

/** The target must hold every revision of the directory and none other. */
async function assertAtHead(target: string, chain: RevisionChain, dir: string): Promise<void> {
  const status = await readTargetStatus(target, chain, 'plan');
  if (status.unknown.length || status.inconsistencies.length)
    throw new FasError('DRIFT', `the target's revision history disagrees with ${dir}: ${[...status.inconsistencies, ...status.unknown.map((u) => `unknown revision ${u.revision}`)].join('; ')}`, { refused: true });
  if (status.pending.length)
    throw new FasError('DRIFT', `the target is ${status.pending.length} revision(s) behind ${dir} (next: ${status.pending[0]!.id}); run \`fas apply\` first, then plan again`, { refused: true });
}

/** The target's catalog must equal the replayed history (served from the history cache when seen before). */
async function assertNoDrift(server: string, chain: RevisionChain, current: Catalog, dir: string, cwd: string, progress: (text: string) => void): Promise<void> {
  const { catalog: expected } = await catalogOfRevisions(server, chain.revisions, { projectDir: cwd, applicationName: 'fas plan', log: progress });
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

/** Upgrade and downgrade; hazards that scan or rewrite a table carry its size in the target (kept in the revision's step comments). */
async function planBothWays(current: Catalog, desired: Catalog, renames: readonly Rename[], target: string): Promise<{ up: PlanResult; down: PlanResult }> {
  const up = planChanges(current, desired, ALL, renames);
  const down = planChanges(desired, current, ALL, reverseRenames(up.renames));
  const sizes = await hazardTableSizes(target, [...up.statements, ...down.statements]);
  return { up: { ...up, statements: await annotateHazardSizes(up.statements, sizes) }, down: { ...down, statements: await annotateHazardSizes(down.statements, sizes) } };
}
