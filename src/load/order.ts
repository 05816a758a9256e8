/**
 * Resolve references against declarations and order all statements with one
 * dependency graph and a topological sort. Among ready statements the lowest
 * (priority, source position) goes first, so runs are deterministic.
 */
import { formatLocation, FasError } from '../util/errors.js';
import { refKey, refSchema } from '../catalog/ref.js';
import { BUILTIN_SCHEMAS, type Unit } from './types.js';
import { Heap } from '../util/heap.js';

const where = (u: Unit) => `${u.stmt.file}:${u.stmt.line}`;

/** Schemas where extensions may have put objects we cannot see. */
function extensionSchemas(units: readonly Unit[]): Set<string> {
  const out = new Set<string>();
  for (const u of units) {
    if (!u.defs.some((d) => d.ref.kind === 'extension')) continue;
    const s = u.refs.map((r) => r.targets[0]!).find((t) => t.kind === 'schema');
    out.add(s && s.kind === 'schema' ? s.name : 'public');
  }
  return out;
}


/** Checks duplicates and undeclared references, then returns the units in execution order. */
export function orderUnits(units: readonly Unit[]): Unit[] {
  const unique = new Map<string, number>();
  const providers = new Map<string, number[]>();
  units.forEach((u, i) => {
    for (const d of u.defs) {
      const key = refKey(d.ref);
      if (d.unique) {
        const prev = unique.get(key);
        if (prev !== undefined && prev !== i) {
          const p = units[prev]!;
          throw new FasError('DUPLICATE_OBJECT', `${d.display} is defined twice: at ${where(p)} and at ${where(u)}`, {
            location: { file: u.stmt.file, line: u.stmt.line, column: u.stmt.column },
          });
        }
        unique.set(key, i);
      }
      const list = providers.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      providers.set(key, list);
    }
  });

  const modifiers = new Map<string, number[]>();
  units.forEach((u, i) => {
    for (const k of u.modifies.map(refKey)) modifiers.set(k, [...(modifiers.get(k) ?? []), i]);
  });

  const lenient = extensionSchemas(units);
  const deps: Set<number>[] = units.map(() => new Set<number>());
  units.forEach((u, i) => {
    for (const r of u.refs) {
      const keys = r.targets.map(refKey);
      const found = keys.flatMap((k) => providers.get(k) ?? []);
      if (found.length === 0) {
        const first = r.targets[0]!;
        const schema = refSchema(first);
        const isPublicSchema = first.kind === 'schema' && first.name === 'public';
        const excused = isPublicSchema || (schema !== undefined && (BUILTIN_SCHEMAS.has(schema) || lenient.has(schema)));
        if (r.strict && !excused) {
          throw new FasError('UNDECLARED_REFERENCE', `${formatLocation(r.loc)}: ${r.display} is not declared anywhere in the schema source`, {
            location: r.loc,
          });
        }
      }
      for (const j of found) if (j !== i) deps[i]!.add(j);
      if (u.consumer) {
        for (const k of keys) for (const j of modifiers.get(k) ?? []) if (j !== i) deps[i]!.add(j);
      }
    }
  });

  const dependents: number[][] = units.map(() => []);
  const waiting = deps.map((d) => d.size);
  deps.forEach((d, i) => d.forEach((j) => dependents[j]!.push(i)));
  const heap = new Heap((x, y) => units[x]!.priority - units[y]!.priority < 0 || (units[x]!.priority === units[y]!.priority && x < y));
  waiting.forEach((w, i) => {
    if (w === 0) heap.push(i);
  });
  const out: Unit[] = [];
  while (heap.size > 0) {
    const i = heap.pop();
    out.push(units[i]!);
    for (const j of dependents[i]!) if (--waiting[j]! === 0) heap.push(j);
  }
  if (out.length < units.length) {
    const stuck = units.map((_, i) => i).filter((i) => waiting[i]! > 0);
    const cycle = findCycle(stuck, deps);
    const names = cycle.map((i) => `${where(units[i]!)} (${units[i]!.defs[0]?.display ?? units[i]!.stmt.sql.split('\n')[0]})`);
    const u = units[cycle[0]!]!;
    throw new FasError('UNSUPPORTED', `dependency cycle: ${names.join(' -> ')}; break it, e.g. with a separate ALTER TABLE ... ADD CONSTRAINT`, {
      location: { file: u.stmt.file, line: u.stmt.line, column: u.stmt.column },
    });
  }
  return out;
}

function findCycle(stuck: number[], deps: Set<number>[]): number[] {
  const inStuck = new Set(stuck);
  const path: number[] = [];
  const onPath = new Set<number>();
  let i = stuck[0]!;
  while (!onPath.has(i)) {
    path.push(i);
    onPath.add(i);
    i = [...deps[i]!].find((j) => inStuck.has(j))!;
    if (i === undefined) return path;
  }
  return [...path.slice(path.indexOf(i)), i];
}
