/**
 * fas diff --prod: production drift. Production (FAS_PROD_DATABASE_URL or
 * --prod-url) is read in a read-only session (default_transaction_read_only,
 * a READ ONLY REPEATABLE READ transaction, a short statement_timeout) and
 * compared with schema/ (or --to SRC), which is normalized on the dev or the
 * embedded server, never on production. Also reports where production stands
 * in the revision chain of generated-migrations/ (or --dir).
 */
import type { Io, Outcome } from './command.js';
import { str, type ParsedArgs } from './args.js';
import { isDatabaseUrl, type Environment } from '../engine/environment.js';
import type { Scope } from '../diff/scope.js';
import { planJson, renderText } from '../report/render-plan.js';
import { renderSqlWithTimeouts } from '../report/sql-with-timeouts.js';
import { revisionDir } from '../apply/options.js';
import { maskUrl } from '../util/mask.js';
import { FasError } from '../util/errors.js';
import { prodDiffFlow, type RevisionReport } from '../engine/prod-diff-flow.js';

export function prodUrlFrom(args: ParsedArgs, env: NodeJS.ProcessEnv): string {
  const url = str(args, 'prod-url') ?? (env.FAS_PROD_DATABASE_URL || undefined);
  if (!url) throw new FasError('CONFIG', 'fas diff --prod needs a production URL: set FAS_PROD_DATABASE_URL or pass --prod-url URL');
  if (!isDatabaseUrl(url)) throw new FasError('CONFIG', `the production URL must be a postgresql:// URI or libpq key=value pairs; got ${maskUrl(url)}`);
  return url;
}

export function renderRevisionText(r: RevisionReport): string {
  const lines = ['', 'Revisions'];
  lines.push(`  directory: ${r.directory}`);
  lines.push(`  head: ${r.head ?? '(no revisions)'}`);
  lines.push(`  production: ${r.current ?? 'base'}${r.tracked ? '' : ' (no fas history)'}${r.alembicVersion ? `; alembic_version ${r.alembicVersion.length ? r.alembicVersion.join(', ') : '(empty)'}` : ''}`);
  if (r.behind === 0) lines.push('  up to date with the files' + (r.upToDate ? '' : ', but see below'));
  else {
    lines.push(`  ${r.behind} revision(s) behind:`);
    for (const p of r.pending) lines.push(`    > ${p.id} ${p.message}`);
  }
  for (const u of r.unknown) lines.push(`  ! unknown revision ${u.id} ${JSON.stringify(u.message)} applied ${u.appliedAt} by ${u.appliedBy}: no file in the revision directory`);
  for (const c of r.changed) lines.push(`  ! ${c.path}: revision ${c.id} was applied with ${c.appliedChecksum}; the file is now ${c.fileChecksum}`);
  for (const p of r.problems) lines.push(`  ! ${p}`);
  return lines.join('\n') + '\n';
}

function revisionSummary(r: RevisionReport): string[] {
  const out: string[] = [];
  if (r.behind) out.push(`production is ${r.behind} revision(s) behind head ${r.head}: ${r.pending.map((p) => p.id).join(', ')}`);
  for (const u of r.unknown) out.push(`production has applied revision ${u.id} that no file knows`);
  for (const c of r.changed) out.push(`revision file ${c.path} changed since it was applied to production`);
  for (const p of r.problems) out.push(p);
  return out;
}

export async function prodDriftReport(args: ParsedArgs, io: Io, e: Environment, format: string, scope: Scope): Promise<Outcome> {
  if (str(args, 'from') !== undefined) throw new FasError('CONFIG', '--from cannot be combined with --prod: production is the FROM side');
  const prodUrl = prodUrlFrom(args, io.env);
  const toSrc = str(args, 'to') ?? 'schema';
  const { plan, unsupported, revisions, serverVersion, same } = await prodDiffFlow({ prodUrl, to: toSrc, dir: revisionDir(args, e.cwd), scope, environment: e });
  if (format === 'json') {
    const doc = { production: { url: maskUrl(prodUrl), serverVersion }, drift: planJson(plan.changes, plan.statements, unsupported), revisions, same };
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  } else if (format === 'sql') {
    io.stdout(renderSqlWithTimeouts(plan.statements));
    for (const m of revisionSummary(revisions)) e.log(`fas: ${m}`);
  } else {
    io.stdout(`Production ${maskUrl(prodUrl)} against ${toSrc}\n\n`);
    io.stdout(plan.changes.length || unsupported.length ? renderText(plan.changes, plan.statements, unsupported) : 'No drift: production matches the declared schema.\n');
    io.stdout(renderRevisionText(revisions));
  }
  if (unsupported.length && format !== 'text')
    e.log(unsupported.map((u) => `fas: warning: unsupported ${u.objectType} ${u.schema ? u.schema + '.' : ''}${u.name} is not compared`).join('\n'));
  return same && revisions.upToDate ? 'ok' : 'findings';
}
