/**
 * fas apply and fas downgrade as engine functions: read the revision
 * directory, reach the target (an embedded server is scoped to the flow) and
 * read its table sizes (the size gate of REWRITES_TABLE, INDEX_BUILD and
 * VALIDATES_CONSTRAINT) and run the executor. The command line parses flags
 * into these options and renders the result.
 */
import { readRevisionDir } from '../revisions/chain.js';
import { applyRevisions, downgradeRevisions, type DowngradeTarget, type ExecOptions, type ExecResult } from '../apply/executor.js';
import { type HazardRules, readHazardPolicy, sizeGateReport } from '../apply/hazard-gate.js';
import { withTarget } from './with-target.js';

/** What apply and downgrade share: where the revisions and the target are, and how steps run. */
export interface RunFlowOptions extends Omit<ExecOptions, 'url' | 'chain' | 'allowHazards'> {
  /** --allow-hazards and the size limits; the target's table sizes are read when the flow starts. */
  readonly allowHazards: HazardRules;
  /** The revision directory (absolute). */
  readonly dir: string;
  /** --db URL; else DATABASE_URL, else the embedded server of `cwd`. */
  readonly db?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface ApplyFlowOptions extends RunFlowOptions {
  /** --to REV (default head). */
  readonly to?: string;
}

export interface DowngradeFlowOptions extends RunFlowOptions {
  readonly target: DowngradeTarget;
}

export type { ExecResult as RunFlowResult };

/** Apply the pending revisions of `dir` to the target, up to `to`. */
export function applyFlow(o: ApplyFlowOptions): Promise<ExecResult> {
  return runFlow(o, (exec) => applyRevisions({ ...exec, to: o.to }));
}

/** Run downgrade sections from the target's head back to `target`. */
export function downgradeFlow(o: DowngradeFlowOptions): Promise<ExecResult> {
  return runFlow(o, (exec) => downgradeRevisions({ ...exec, target: o.target }));
}

async function runFlow(o: RunFlowOptions, run: (exec: ExecOptions) => Promise<ExecResult>): Promise<ExecResult> {
  const chain = await readRevisionDir(o.dir);
  return withTarget(o, async (url) => {
    const policy = await readHazardPolicy(url, o.allowHazards, chain.revisions);
    const r = await run({ ...o, url, chain, allowHazards: policy });
    const report = o.dryRun ? await sizeGateReport(url, r.planned, policy) : '';
    if (report) o.out(report);
    return r;
  });
}
