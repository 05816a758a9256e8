/** A plain text table: columns padded to their widest cell; the last column is never padded. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w, i) => '-'.repeat(i === widths.length - 1 ? Math.max(header[i]!.length, Math.min(w, 24)) : w));
  return [line(header), line(rule), ...rows.map(line)].join('\n') + '\n';
}

export function seconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  return ms < 10 ? '0.0 s' : `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function rev(id: string | null | undefined): string {
  return id === undefined ? '?' : id === null ? 'base' : id;
}
