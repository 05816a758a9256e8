/** fas current / fas history --targets: where every target stands in the revision chain, read-only and in parallel. */
import { readTargetStatus } from '../apply/inspect.js';
import type { RevisionChain } from '../revisions/types.js';
import { firstLine, isUnreachable } from './errors.js';
import { runFleet } from './schedule.js';
import type { Fleet } from './targets.js';

export interface TargetRevisionStatus {
  readonly target: string;
  readonly wave: string;
  readonly host: string;
  readonly status: 'at-head' | 'pending' | 'problem' | 'unreachable';
  readonly current?: string | null;
  readonly applied: readonly string[];
  readonly pending: readonly string[];
  readonly changed: readonly string[];
  readonly unknown: readonly string[];
  readonly problems: readonly string[];
  readonly error?: string;
}

export async function fleetStatus(fleet: Fleet, chain: RevisionChain, command: string): Promise<TargetRevisionStatus[]> {
  const none = { applied: [], pending: [], changed: [], unknown: [], problems: [] };
  return runFleet<TargetRevisionStatus>(fleet, {
    ignoreOnError: true,
    failed: () => false,
    skipped: (t, w, why) => ({ target: t.name, wave: w.name, host: t.host, status: 'unreachable', ...none, error: why }),
    run: async (t, w) => {
      const base = { target: t.name, wave: w.name, host: t.host };
      if (!t.url) return { ...base, status: 'unreachable', ...none, error: `[CONFIG] the environment variable ${t.urlEnv} is not set` };
      try {
        const st = await readTargetStatus(t.url, chain, command);
        const problems = [...st.inconsistencies, ...st.changed.map((c) => `${c.revision.path} changed since it was applied`), ...st.unknown.map((u) => `applied revision ${u.revision} is unknown to the files`)];
        return {
          ...base,
          status: problems.length ? 'problem' : st.pending.length ? 'pending' : 'at-head',
          current: st.current,
          applied: st.revisions.filter((s) => s.applied).map((s) => s.revision.id),
          pending: st.pending.map((r) => r.id),
          changed: st.changed.map((c) => c.revision.id),
          unknown: st.unknown.map((u) => u.revision),
          problems,
        };
      } catch (e) {
        if (!isUnreachable(e)) throw e;
        return { ...base, status: 'unreachable', ...none, error: firstLine(e) };
      }
    },
  });
}
