/**
 * The second half of fas diff: the plan between the two sides read by
 * diff-flow.ts, sizes in its hazards, the single-statement check and the
 * optional verification. A module of its own so that it loads while the
 * servers answer the catalog queries.
 */
import type { Servers } from './environment.js';
import { readEmpty } from './read-source.js';
import { reverseRenames } from '../diff/renames.js';
import { verifyOnDesiredCopy, verifyPlan } from './verify.js';
import { diffForPlan, planChanges, planDiff, type PlanResult } from '../plan/planner.js';
import { planWithSizes } from './sized-plan.js';
import { unsupportedIn } from '../diff/diff.js';
import { checkSingleStatements } from '../plan/check-statements.js';
import type { DiffFlowOptions, DiffFlowResult, SideRead } from './diff-flow.js';
import { warmParser } from '../sql/parse-memo.js';

// while the servers answer the catalog queries: the plan's first parse is then a plain one
await warmParser();

export async function planSides(o: DiffFlowOptions, servers: Servers, from: SideRead, to: SideRead, near: string | undefined): Promise<DiffFlowResult> {
  const d = diffForPlan(from.catalog, to.catalog, o.scope, to.renames ?? []);
  const policy = { mode: o.online, plainUpToBytes: o.plainUpToBytes };
  // a database FROM: the online policy and the sized hazards get the sizes of the tables the plan
  // touches (estimates when one was locked); a files or revisions side has none (auto means always)
  const plan = from.sizeSession ? await planWithSizes(d, await from.sizeSession, policy) : planDiff(d, { online: policy });
  await checkSingleStatements(plan.statements);
  const unsupported = [...unsupportedIn(from.catalog, o.scope), ...unsupportedIn(to.catalog, o.scope)];
  const warnings = o.verify && plan.statements.length ? await verify(o, servers, plan, from, to, near) : [];
  return { plan, unsupported, warnings };
}

/** Replays the plan (and, against files, the way back) on a scratch copy. */
async function verify(o: DiffFlowOptions, servers: Servers, plan: PlanResult, from: SideRead, to: SideRead, near: string | undefined): Promise<string[]> {
  if (to.scratch) {
    const back = planChanges(to.catalog, from.catalog, o.scope, reverseRenames(plan.renames), { online: { mode: o.online === 'never' ? 'never' : 'always' } });
    return verifyOnDesiredCopy({ url: to.scratch.url, current: from.catalog, desired: to.catalog, upgrade: plan.statements, downgrade: back.statements, scope: o.scope, renames: { upgrade: plan.renames, downgrade: back.renames } });
  }
  const server = await servers.scratch({ near, allowNear: true });
  return verifyPlan({ scratchServer: server, empty: await readEmpty(server), current: from.catalog, desired: to.catalog, upgrade: plan.statements, scope: o.scope, renames: { upgrade: plan.renames } });
}
