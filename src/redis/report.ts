/** The result of `fas redis check`, and its text and JSON forms. */
import { formatLocation } from '../util/errors.js';
import type { Check, Stage } from './check.js';
import type { Purpose, TierName } from './tier.js';

export interface TierReport {
  readonly tier: TierName;
  readonly purpose: Purpose;
  /** host:port or the masked override URL. */
  readonly address: string;
  readonly checks: readonly Check[];
}

export interface Report {
  readonly config: string;
  readonly compose: string;
  /** Stages that ran. */
  readonly stages: readonly Stage[];
  readonly tiers: readonly TierReport[];
}

export function findingsOf(report: Report): Check[] {
  return report.tiers.flatMap((t) => t.checks.filter((c) => c.status === 'finding'));
}

export function formatJson(report: Report): string {
  const findings = findingsOf(report).length;
  const doc = {
    ok: findings === 0,
    findings,
    config: report.config,
    compose: report.compose,
    stages: report.stages,
    tiers: report.tiers.map((t) => ({
      tier: t.tier,
      purpose: t.purpose,
      address: t.address,
      ok: t.checks.every((c) => c.status === 'ok'),
      checks: t.checks.map((c) => ({
        stage: c.stage,
        setting: c.setting,
        status: c.status,
        expected: c.expected,
        actual: c.actual,
        ...(c.fix.length ? { fix: c.fix } : {}),
        ...(c.note ? { note: c.note } : {}),
        ...(c.location ? { location: formatLocation(c.location) } : {}),
      })),
    })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

export function formatText(report: Report): string {
  const lines: string[] = [];
  for (const t of report.tiers) {
    const bad = t.checks.filter((c) => c.status === 'finding');
    const good = t.checks.length - bad.length;
    const status = bad.length === 0 ? `ok (${good} checks)` : `${plural(bad.length, 'finding')}, ${good} checks ok`;
    lines.push(`${t.tier} (${t.purpose}, ${t.address}): ${status}`);
    for (const c of bad) {
      const where = c.location ? ` at ${formatLocation(c.location)}` : '';
      lines.push(`  [${c.stage}] ${t.tier} ${c.setting}: expected ${c.expected}, found ${c.actual}${where}`);
      if (c.note) lines.push(`    why: ${c.note}`);
      c.fix.forEach((f, i) => lines.push(`    ${i === 0 ? 'fix:' : '    '} ${f}`));
    }
  }
  const findings = findingsOf(report);
  const tiersBad = report.tiers.filter((t) => t.checks.some((c) => c.status === 'finding')).length;
  const skipped = report.stages.includes('live') ? '' : ' (live checks skipped: --static)';
  lines.push(
    findings.length === 0
      ? `all ${report.tiers.length} tiers hold their contracts${skipped}`
      : `${plural(findings.length, 'finding')} in ${tiersBad} of ${report.tiers.length} tiers${skipped}`,
  );
  return lines.join('\n') + '\n';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
