/**
 * fas diff --prod --targets: every target read-only and in parallel, compared
 * with what it should be at its revision; identical drift grouped; replicas
 * checked for recovery, revision and replay lag.
 */
import type { Catalog, Unsupported } from '../catalog/model.js';
import type { Change } from '../diff/change.js';
import { unsupportedIn } from '../diff/diff.js';
import type { Scope } from '../diff/scope.js';
import { planChanges } from '../plan/planner.js';
import type { Statement } from '../plan/statement.js';
import { chainStatus, type ChainStatus } from '../apply/status.js';
import type { RevisionChain } from '../revisions/types.js';
import { withoutBookkeeping } from '../catalog/bookkeeping.js';
import { firstLine, isUnreachable } from './errors.js';
import type { ExpectedCatalogs } from './expected-catalog.js';
import { readPrimary, type PrimaryRead } from './read-target.js';
import { checkReplica, type ReplicaReport } from './replica.js';
import { runFleet } from './schedule.js';
import type { Fleet, FleetTarget, Wave } from './targets.js';

export type DriftStatus = 'in-sync' | 'pending' | 'drifted' | 'unreachable' | 'misconfigured';

export interface TargetDrift {
  readonly target: string;
  readonly wave: string;
  readonly host: string;
  readonly status: DriftStatus;
  readonly serverVersion?: number;
  readonly revision?: string | null;
  readonly pending: number;
  /** Revision bookkeeping problems: unknown applied revisions, changed files, gaps. */
  readonly problems: readonly string[];
  /** Index into FleetDriftReport.groups when the catalog differs. */
  readonly group?: number;
  readonly error?: string;
}

/** One drift: what a target differs in from what it was compared with, and the statements that would undo it. */
export interface Drift {
  /** What the target was compared with: schema/ or a revision replayed. */
  readonly against: string;
  readonly changes: readonly Change[];
  readonly statements: readonly Statement[];
  readonly unsupported: readonly Unsupported[];
}

/** The targets that share one drift. */
export interface DriftGroup extends Drift {
  readonly id: number;
  readonly targets: readonly string[];
}

export interface FleetDriftReport {
  readonly head: string | null;
  readonly targets: readonly TargetDrift[];
  readonly replicas: readonly ReplicaReport[];
  readonly groups: readonly DriftGroup[];
  readonly inSync: boolean;
}

export interface FleetDriftOptions {
  readonly fleet: Fleet;
  readonly chain: RevisionChain;
  readonly expected: ExpectedCatalogs;
  readonly scope: Scope;
  readonly syncWaitMs?: number;
  readonly onProgress?: (text: string) => void;
}

interface Read {
  readonly t: FleetTarget;
  readonly wave: Wave;
  readonly primary?: PrimaryRead;
  readonly error?: unknown;
  readonly replicas: readonly ReplicaReport[];
}

async function readOne(t: FleetTarget, wave: Wave, opts: FleetDriftOptions): Promise<Read> {
  if (!t.url) return { t, wave, error: new Error(`the environment variable ${t.urlEnv} is not set`), replicas: [] };
  let primary: PrimaryRead;
  try {
    primary = await readPrimary(t.url, { withCatalog: true, command: 'diff --prod' });
  } catch (e) {
    opts.onProgress?.(`fas: ${t.name}: ${firstLine(e)}\n`);
    return { t, wave, error: e, replicas: [] };
  }
  const replicas: ReplicaReport[] = [];
  if (primary.walLsn !== null) {
    const revision = chainStatus(opts.chain, primary.state).current;
    for (const r of t.replicas) replicas.push(await checkReplica(r, { name: t.name, walLsn: primary.walLsn, revision }, opts.chain, { syncWaitMs: opts.syncWaitMs }));
  }
  opts.onProgress?.(`fas: read ${t.name} (${t.host})${t.replicas.length ? ` and ${t.replicas.length} replica(s)` : ''}\n`);
  return { t, wave, primary, replicas };
}

function problemsOf(st: ChainStatus): string[] {
  return [
    ...st.unknown.map((u) => `applied revision ${u.revision} is unknown to the files`),
    ...st.changed.map((c) => `revision file ${c.revision.path} changed since it was applied`),
    ...st.inconsistencies,
  ];
}

export async function fleetDrift(opts: FleetDriftOptions): Promise<FleetDriftReport> {
  const reads = await runFleet<Read>(opts.fleet, {
    run: (t, wave) => readOne(t, wave, opts),
    failed: () => false,
    skipped: (t, wave) => ({ t, wave, replicas: [] }),
    ignoreOnError: true,
  });
  const groups: Groups = new Map();
  const targets: TargetDrift[] = [];
  for (const r of reads) {
    const base = { target: r.t.name, wave: r.wave.name, host: r.t.host, pending: 0, problems: [] as string[] };
    if (!r.primary) {
      targets.push({ ...base, status: isUnreachable(r.error) || !r.t.url ? 'unreachable' : 'misconfigured', error: firstLine(r.error) });
      continue;
    }
    const p = r.primary;
    if (p.inRecovery) {
      targets.push({ ...base, status: 'misconfigured', serverVersion: p.serverVersion, error: 'the server is in recovery: a replica listed as a target (fas never applies to one); list it under replicas' });
      continue;
    }
    const st = chainStatus(opts.chain, p.state);
    const problems = problemsOf(st);
    const row = { ...base, serverVersion: p.serverVersion, revision: st.current, pending: st.pending.length, problems };
    const known = st.unknown.length === 0 && st.inconsistencies.length === 0;
    let group: number | undefined;
    if (known) {
      const expected = await opts.expected.at(st.current);
      const against = st.current === opts.chain.head ? 'schema/' : `revision ${st.current ?? 'base'} replayed`;
      group = compare(groups, r.t.name, against, p.catalog!, expected, opts.scope);
    }
    const status: DriftStatus = problems.length || group !== undefined ? 'drifted' : st.pending.length ? 'pending' : 'in-sync';
    targets.push({ ...row, status, group });
  }
  const replicas = reads.flatMap((r) => r.replicas);
  const groupList: DriftGroup[] = [...groups.values()].map((g, id) => ({ id: id + 1, ...g }));
  const inSync = targets.every((t) => t.status === 'in-sync') && replicas.every((r) => r.status === 'in-sync');
  return { head: opts.chain.head, targets: targets.map((t) => (t.group === undefined ? t : { ...t, group: t.group + 1 })), replicas, groups: groupList, inSync };
}

/** The groups being formed, keyed by what their drift was compared with, its statements and its unsupported objects. */
type Groups = Map<string, Drift & { targets: string[] }>;

/** Add the target to the group of its drift (by the statements that would undo it); undefined when there is none. */
function compare(
  groups: Groups,
  name: string,
  against: string,
  actual: Catalog,
  expected: Catalog,
  scope: Scope,
): number | undefined {
  const current = withoutBookkeeping(actual);
  const desired = withoutBookkeeping(expected);
  const plan = planChanges(current, desired, scope);
  const unsupported = [...unsupportedIn(current, scope), ...unsupportedIn(desired, scope)];
  if (plan.changes.length === 0 && unsupported.length === 0) return undefined;
  const key = JSON.stringify([against, plan.statements.map((s) => s.sql), unsupported.map((u) => [u.objectType, u.schema, u.name])]);
  let g = groups.get(key);
  if (!g) {
    g = { against, targets: [], changes: plan.changes, statements: plan.statements, unsupported };
    groups.set(key, g);
  }
  g.targets.push(name);
  return [...groups.keys()].indexOf(key);
}
