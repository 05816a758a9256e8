/** A unified diff of two texts, line by line (LCS), for showing a changed definition in full. */

export interface DiffLine {
  readonly op: ' ' | '-' | '+';
  readonly text: string;
}

/** The edit script from a to b: common lines kept, removed and added lines in order. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  // trim the common head and tail, then LCS on the middle (definitions are small)
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const L: number[][] = Array.from({ length: x.length + 1 }, () => Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) L[i]![j] = x[i] === y[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const mid: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      mid.push({ op: ' ', text: x[i]! });
      i++;
      j++;
    } else if (i < x.length && (j >= y.length || L[i + 1]![j]! >= L[i]![j + 1]!)) mid.push({ op: '-', text: x[i++]! });
    else mid.push({ op: '+', text: y[j++]! });
  }
  return [...a.slice(0, head).map((t) => ({ op: ' ' as const, text: t })), ...mid, ...a.slice(a.length - tail).map((t) => ({ op: ' ' as const, text: t }))];
}

/**
 * Unified diff hunks (`@@ -l,n +l,n @@`) with `context` lines around each change.
 * Lines are never cut. Returns [] when the texts are equal.
 */
export function unifiedDiff(from: string, to: string, context = 3): string[] {
  const script = diffLines(from.split('\n'), to.split('\n'));
  const changed = script.map((d, k) => (d.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return [];
  const out: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const start = Math.max(0, changed[k]! - context);
    let end = Math.min(script.length, changed[k]! + context + 1);
    while (k + 1 < changed.length && changed[k + 1]! - context <= end) end = Math.min(script.length, changed[++k]! + context + 1);
    k++;
    let aLine = 1;
    let bLine = 1;
    for (const d of script.slice(0, start)) {
      if (d.op !== '+') aLine++;
      if (d.op !== '-') bLine++;
    }
    const hunk = script.slice(start, end);
    const aLen = hunk.filter((d) => d.op !== '+').length;
    const bLen = hunk.filter((d) => d.op !== '-').length;
    out.push(`@@ -${aLen ? aLine : aLine - 1},${aLen} +${bLen ? bLine : bLine - 1},${bLen} @@`);
    for (const d of hunk) out.push(`${d.op}${d.text}`);
  }
  return out;
}
