/**
 * Orders planned statements with one dependency graph and a topological sort.
 * Ties are broken by rank, then by the order the planner produced them, so the
 * same inputs always give the same plan.
 */
import type { ObjectId } from '../catalog/model.js';
import { FasError } from '../util/errors.js';
import type { PlannedStatement } from './statement.js';
import { Heap } from '../util/heap.js';

function index(stmts: readonly PlannedStatement[], pick: (s: PlannedStatement) => readonly ObjectId[]): Map<ObjectId, number[]> {
  const m = new Map<ObjectId, number[]>();
  stmts.forEach((s, i) => {
    for (const x of pick(s)) {
      const l = m.get(x);
      if (l) l.push(i);
      else m.set(x, [i]);
    }
  });
  return m;
}


export function orderStatements(stmts: readonly PlannedStatement[]): PlannedStatement[] {
  const n = stmts.length;
  const providers = index(stmts, (s) => s.provides);
  const users = index(stmts, (s) => s.uses);
  const succ: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const edge = (a: number, b: number) => {
    if (a !== b) succ[a]!.add(b);
  };
  stmts.forEach((s, i) => {
    for (const x of s.needs) for (const p of providers.get(x) ?? []) edge(p, i);
    for (const x of s.removes) {
      for (const u of users.get(x) ?? []) edge(u, i);
      for (const p of providers.get(x) ?? []) if (!s.provides.includes(x)) edge(i, p);
    }
  });
  const indeg = new Array<number>(n).fill(0);
  for (const s of succ) for (const j of s) indeg[j]!++;
  const heap = new Heap((a, b) => (stmts[a]!.rank - stmts[b]!.rank || a - b) < 0);
  for (let i = 0; i < n; i++) if (indeg[i] === 0) heap.push(i);
  const out: PlannedStatement[] = [];
  while (heap.size) {
    const i = heap.pop();
    out.push(stmts[i]!);
    for (const j of succ[i]!) if (--indeg[j]! === 0) heap.push(j);
  }
  if (out.length !== n) {
    const stuck = stmts.filter((_, i) => indeg[i]! > 0).map((s) => `  ${s.source}: ${s.sql.slice(0, 120)}`);
    throw new FasError('INTERNAL', `the plan has a dependency cycle between:\n${stuck.slice(0, 20).join('\n')}`);
  }
  return out;
}
