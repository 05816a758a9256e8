/** "Did you mean": the closest candidate by edit distance, when it is close enough. */

/** Damerau-Levenshtein distance (optimal string alignment): swaps of neighbours count once. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The closest candidate within a third of the word's length (at least 1, at most 3 edits), or a prefix match. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of [...candidates].sort()) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestD) [best, bestD] = [c, dist];
  }
  if (best !== undefined && bestD <= limit) return best;
  const prefixed = candidates.filter((c) => w.length >= 2 && c.startsWith(w));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

export function didYouMean(word: string, candidates: readonly string[], render: (c: string) => string = (c) => c): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : `; did you mean ${render(c)}?`;
}
