/**
 * From a TargetsFile to a Fleet: catalog queries run, environment variables
 * looked up (a missing one makes that target unreachable, not the whole run),
 * and every target placed in its wave.
 */
import { FasError, formatLocation } from '../util/errors.js';
import { endpoint } from '../util/db.js';
import { runCatalogQuery } from './catalog-query.js';
import type { Endpoint, Fleet, FleetTarget, TargetSpec, TargetsFile, Wave, WaveSpec } from './targets.js';

export function lookUp(name: string, urlEnv: string, env: NodeJS.ProcessEnv): Endpoint {
  const url = env[urlEnv]?.trim() || undefined;
  return { name, urlEnv, url, host: url ? endpoint(url) : `${urlEnv} unset` };
}

/** The wave of a target: its own `wave:`, else the first wave naming it or sharing a tag, else the first wave without selectors. */
export function waveOf(t: TargetSpec, waves: readonly WaveSpec[]): WaveSpec | undefined {
  if (t.wave !== undefined) return waves.find((w) => w.name === t.wave);
  return (
    waves.find((w) => w.targets.includes(t.name) || w.tags.some((tag) => t.tags.includes(tag))) ??
    waves.find((w) => w.tags.length === 0 && w.targets.length === 0)
  );
}

export async function resolveFleet(f: TargetsFile, env: NodeJS.ProcessEnv): Promise<Fleet> {
  const specs: TargetSpec[] = [...f.targets];
  for (const q of f.queries) specs.push(...(await runCatalogQuery(q, env)));
  const seen = new Map<string, TargetSpec>();
  for (const t of specs) {
    const names = [t.name, ...t.replicas.map((r) => r.name)];
    for (const n of names) {
      const first = seen.get(n);
      if (first) throw new FasError('CONFIG', `target name "${n}" is used twice (also at ${formatLocation(first.location)})`, { location: t.location });
      seen.set(n, t);
    }
  }
  const waveSpecs: readonly WaveSpec[] = f.waves.length ? f.waves : [{ name: 'all', tags: [], targets: [], location: { file: f.file } }];
  const members = new Map<string, FleetTarget[]>(waveSpecs.map((w) => [w.name, []]));
  for (const t of specs) {
    const w = waveOf(t, waveSpecs);
    if (!w) throw new FasError('CONFIG', `target ${t.name} belongs to no wave: give it wave:, a tag of a wave, or add a wave without selectors for the rest`, { location: t.location });
    members.get(w.name)!.push({ ...lookUp(t.name, t.urlEnv, env), tags: t.tags, wave: w.name, replicas: t.replicas.map((r) => lookUp(r.name, r.urlEnv, env)) });
  }
  const waves: Wave[] = waveSpecs.map((w) => ({
    name: w.name,
    maxParallel: w.maxParallel ?? f.maxParallel,
    perHost: w.perHost ?? f.perHost,
    onError: w.onError ?? f.onError,
    targets: members.get(w.name)!,
  }));
  return { file: f.file, waves: waves.filter((w) => w.targets.length > 0) };
}

/** Keep the targets named (or tagged) by --only; an unknown selector is an error. */
export function selectTargets(fleet: Fleet, only: readonly string[]): Fleet {
  if (only.length === 0) return fleet;
  const all = fleet.waves.flatMap((w) => w.targets);
  for (const o of only) {
    if (!all.some((t) => t.name === o || t.tags.includes(o))) throw new FasError('CONFIG', `--only ${o}: no target of ${fleet.file} has this name or tag`);
  }
  const keep = (t: FleetTarget) => only.some((o) => t.name === o || t.tags.includes(o));
  return { ...fleet, waves: fleet.waves.map((w) => ({ ...w, targets: w.targets.filter(keep) })).filter((w) => w.targets.length > 0) };
}
