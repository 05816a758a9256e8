/**
 * Orders planned statements with one dependency graph and a topological sort.
 * Ties are broken by rank, then by the order the planner produced them, so the
 * same inputs always give the same plan.
 *
 * Cycles are broken, never reported to the user as long as a way out exists:
 * 1. a statement on a cycle that has a `split` form (a DROP TABLE whose foreign
 *    keys can be dropped first) is replaced by it, one at a time, lowest index first;
 * 2. soft needs (guesses, e.g. calls found in a SQL function body) are left out.
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

function graph(stmts: readonly PlannedStatement[], soft: boolean): Set<number>[] {
  const providers = index(stmts, (s) => s.provides);
  const users = index(stmts, (s) => s.uses);
  const succ: Set<number>[] = Array.from({ length: stmts.length }, () => new Set<number>());
  const edge = (a: number, b: number) => {
    if (a !== b) succ[a]!.add(b);
  };
  stmts.forEach((s, i) => {
    for (const x of s.needs) for (const p of providers.get(x) ?? []) edge(p, i);
    if (soft) for (const x of s.softNeeds ?? []) for (const p of providers.get(x) ?? []) edge(p, i);
    for (const x of s.removes) {
      for (const u of users.get(x) ?? []) edge(u, i);
      for (const p of providers.get(x) ?? []) if (!s.provides.includes(x)) edge(i, p);
    }
  });
  return succ;
}

/** A topological order, or the indexes left on (or behind) a cycle. */
function sort(stmts: readonly PlannedStatement[], succ: readonly Set<number>[]): { order: number[]; stuck: number[] } {
  const n = stmts.length;
  const indeg = new Array<number>(n).fill(0);
  for (const s of succ) for (const j of s) indeg[j]!++;
  const heap = new Heap((a, b) => (stmts[a]!.rank - stmts[b]!.rank || a - b) < 0);
  for (let i = 0; i < n; i++) if (indeg[i] === 0) heap.push(i);
  const order: number[] = [];
  while (heap.size) {
    const i = heap.pop();
    order.push(i);
    for (const j of succ[i]!) if (--indeg[j]! === 0) heap.push(j);
  }
  const stuck: number[] = [];
  if (order.length !== n) for (let i = 0; i < n; i++) if (indeg[i]! > 0) stuck.push(i);
  return { order, stuck };
}

/** Whether node i lies on a cycle among the stuck nodes. */
function onCycle(i: number, succ: readonly Set<number>[], stuck: ReadonlySet<number>): boolean {
  const seen = new Set<number>();
  const todo = [...succ[i]!].filter((j) => stuck.has(j));
  while (todo.length) {
    const j = todo.pop()!;
    if (j === i) return true;
    if (seen.has(j)) continue;
    seen.add(j);
    for (const k of succ[j]!) if (stuck.has(k)) todo.push(k);
  }
  return false;
}

export function orderStatements(input: readonly PlannedStatement[]): PlannedStatement[] {
  let stmts = [...input];
  for (;;) {
    for (const soft of [true, false]) {
      const succ = graph(stmts, soft);
      const { order, stuck } = sort(stmts, succ);
      if (!stuck.length) return order.map((i) => stmts[i]!);
      const stuckSet = new Set(stuck);
      const k = stuck.find((i) => stmts[i]!.split && onCycle(i, succ, stuckSet));
      if (k !== undefined) {
        stmts = [...stmts.slice(0, k), ...stmts[k]!.split!, ...stmts.slice(k + 1)];
        break; // graph changed: start again with soft needs
      }
      if (soft) continue;
      const lines = stuck.map((i) => `  ${stmts[i]!.source}: ${stmts[i]!.sql.slice(0, 120)}`);
      throw new FasError('INTERNAL', `the plan has a dependency cycle between:\n${lines.slice(0, 20).join('\n')}`);
    }
  }
}
