/**
 * `fas <command> --help`: the command's own usage text, then every option of
 * its argument spec with one line each, then examples. Options are documented
 * here once, by name (a `command.option` key overrides the text for one command),
 * so that a new flag without a line is caught by test/cli/help.test.ts.
 */
import type { ArgSpec } from './args.js';

interface OptionDoc {
  readonly arg?: string;
  readonly text: string;
}

export const OPTION_DOCS: Record<string, OptionDoc> = {
  db: { arg: 'URL', text: 'the target database (default: DATABASE_URL, else the embedded PostgreSQL 18 under .fas/)' },
  'dev-url': { arg: 'URL', text: 'server for scratch databases (default: FAS_DEV_DATABASE_URL, else the target server or the embedded one)' },
  dir: { arg: 'DIR', text: 'the revision directory (default: generated-migrations)' },
  'schema-dir': { arg: 'DIR', text: 'the desired schema (default: schema)' },
  format: { arg: 'text|json', text: 'output format; json prints one JSON document on stdout' },
  'diff.format': { arg: 'text|sql|json', text: 'text: what changes, with unified diffs of definitions; sql: runnable statements; json: one document' },
  message: { arg: 'MSG', text: 'the revision message (default: "schema change")' },
  'rev-id': { arg: 'ID', text: 'the revision id, 12 lowercase hex digits (default: random, as Alembic makes them)' },
  'dry-run': { text: 'show what would happen; change nothing' },
  'plan.dry-run': { text: 'plan and verify, but do not write the revision file' },
  'no-verify': { text: 'skip replaying the upgrade and downgrade in a scratch database (not recommended)' },
  to: { arg: 'REV', text: 'stop at this revision (default: the head)' },
  'diff.to': { arg: 'SRC', text: 'the side to reach: a postgres:// URL, a directory, a .sql/.yaml file, or `revisions` (default: schema)' },
  from: { arg: 'SRC', text: 'the side to start from: a postgres:// URL, a directory, a .sql/.yaml file, or `revisions` (default: the target)' },
  online: { arg: 'auto|always|never', text: 'how changes to existing tables are made: online patterns by table size in FROM (auto, default), always, or plain DDL only (never)' },
  'online-threshold': { arg: 'SIZE', text: 'with --online auto: tables up to SIZE in FROM get plain DDL (default: 1MB)' },
  'allow-hazards': { arg: 'LIST', text: 'hazard types to allow, comma-separated or repeated (e.g. DELETES_DATA), or `all`' },
  'size-limit': {
    arg: 'TYPE=SIZE',
    text: 'refuse REWRITES_TABLE, INDEX_BUILD or VALIDATES_CONSTRAINT only on a table larger than SIZE (defaults 8MB, 1GB, 1GB; also FAS_SIZE_LIMITS); repeatable',
  },
  'lock-wait': { arg: 'SECONDS', text: "how long to wait for another apply's advisory lock (default: 0, fail at once)" },
  'lock-timeout': { arg: 'MS', text: 'override every step’s lock_timeout' },
  'statement-timeout': { arg: 'MS', text: 'override every step’s statement_timeout' },
  'lock-retries': { arg: 'N', text: 'retries of a step whose lock_timeout expired, with exponential backoff and jitter (default: 5)' },
  steps: { text: 'print each step as it commits, also when stderr is not a terminal' },
  verbose: { text: 'also show each revision’s steps and hazards' },
  prod: { text: 'compare production (FAS_PROD_DATABASE_URL or --prod-url) with schema/, read-only' },
  'prod-url': { arg: 'URL', text: 'the production database for --prod (default: FAS_PROD_DATABASE_URL)' },
  schema: { arg: 'NAME', text: 'compare only this schema (repeatable)' },
  'exclude-schema': { arg: 'NAME', text: 'leave this schema out (repeatable)' },
  verify: { text: 'also replay the plan in a scratch database and check that it reaches TO' },
  config: { arg: 'FILE', text: 'the tiers file (default: redis.yaml)' },
  compose: { arg: 'FILE', text: 'the compose file to cross-check (default: docker-compose.yml)' },
  static: { text: 'check the files only; do not contact the servers' },
  out: { arg: 'DIR', text: 'where to write the Alembic revision files' },
  print: { text: 'print the psql command instead of running it' },
  targets: { arg: 'FILE', text: 'run over every target of a targets file such as fas.targets.yaml (README: Fleets)' },
  only: { arg: 'NAMES', text: 'with --targets: only the targets with these names or tags (comma-separated)' },
  'stamp.force': { text: 'record the revision without checking that the database matches it' },
  force: { text: 'do it even when the safety check refuses' },
  quiet: { text: 'less output: one line per revision' },
};

export const EXAMPLES: Record<string, readonly string[]> = {
  plan: ['fas plan -m "add outcomes.actuals.note"', 'fas plan --dry-run --format json'],
  apply: ['fas apply', 'fas apply --to a125ac7b2db7 --dry-run', 'fas apply --allow-hazards DELETES_DATA'],
  downgrade: ['fas downgrade -1 --allow-hazards DELETES_DATA', 'fas downgrade base --allow-hazards all --dry-run'],
  history: ['fas history', 'fas history --verbose --format json'],
  current: ['fas current', 'fas current --db "$DATABASE_URL" --format json'],
  diff: ['fas diff', 'fas diff --from revisions --to schema', 'fas diff --prod --format sql'],
  check: ['fas check', 'fas check --dev-url postgresql://postgres@localhost:5432/postgres'],
  lint: ['fas lint', 'fas lint generated-migrations/*.sql alembic/versions/*.py'],
  redis: ['fas redis check --static', 'fas redis check --format json'],
  export: ['fas export alembic --out alembic/versions'],
  db: ['fas db start', 'fas db url', 'fas db stop'],
  psql: ['fas psql', "fas psql -- -c 'select 1'"],
  completion: ['fas completion bash >> ~/.bashrc', 'fas completion zsh > "${fpath[1]}/_fas"'],
  stamp: ['fas stamp a125ac7b2db7'],
  rehash: ['fas rehash'],
};

function docFor(command: string, flag: string): OptionDoc | undefined {
  return OPTION_DOCS[`${command}.${flag}`] ?? OPTION_DOCS[flag];
}

/** The options section of a command's help: one line per flag of its spec. */
export function optionLines(command: string, spec: ArgSpec): string[] {
  const aliasOf = new Map(Object.entries(spec.aliases ?? {}).map(([short, long]) => [long, short]));
  const rows = Object.entries(spec.flags).map(([flag, kind]) => {
    const doc = docFor(command, flag);
    const short = aliasOf.get(flag);
    const arg = kind === 'boolean' ? '' : ` ${doc?.arg ?? 'VALUE'}`;
    const left = `${short ? `-${short}, ` : '    '}--${flag}${arg}`;
    const text = (doc?.text ?? '') + (kind === 'repeat' && !/repeat/.test(doc?.text ?? '') ? ' (repeatable)' : '');
    return [left, text] as const;
  });
  rows.push(['-h, --help', 'this help']);
  const width = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, t]) => `  ${l.padEnd(width)}  ${t}`.trimEnd());
}

/** The full help of a command: its usage text, its options and its examples. */
export function commandHelp(name: string, usage: string, spec: ArgSpec | undefined): string {
  const parts = [usage.trimEnd()];
  if (spec) parts.push('', 'Options:', ...optionLines(name.split(' ')[0]!, spec));
  const examples = EXAMPLES[name.split(' ')[0]!];
  if (examples && !/^Examples?:/m.test(usage)) parts.push('', 'Examples:', ...examples.map((e) => `  ${e}`));
  return parts.join('\n') + '\n';
}

/** Flags of a spec that have no line in OPTION_DOCS. */
export function undocumentedFlags(command: string, spec: ArgSpec): string[] {
  return Object.keys(spec.flags).filter((f) => !docFor(command, f));
}
