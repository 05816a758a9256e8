/**
 * Read fas.targets.yaml: parse (file:line:col on syntax errors), validate
 * against the schema (file:line:col on every violation), check names and
 * waves, and build the TargetsFile model.
 */
import { Ajv, type ErrorObject } from 'ajv';
import { formatLocation, type SourceLocation } from '../util/errors.js';
import { locate, parseYamlText, readYamlFile, type YamlSource } from '../redis/yaml-source.js';
import { describeSchemaError, failWithProblems, type Problem, type SchemaWords } from '../redis/schema-errors.js';
import { TARGETS_SCHEMA } from './targets-schema.js';
import { DEFAULT_MAX_PARALLEL, DEFAULT_ON_ERROR, DEFAULT_PER_HOST, type OnError, type Placement, type ReplicaSpec, type TargetQuery, type TargetSpec, type TargetsFile, type WaveSpec } from './targets.js';

const validate = new Ajv({ allErrors: true }).compile(TARGETS_SCHEMA);
const WHAT = 'targets file';

/** Keys that would put a connection string into the file. */
const SECRET_KEYS = new Set(['url', 'dsn', 'uri', 'password', 'connection', 'connection_string', 'conninfo']);

export async function loadTargetsFile(path: string, display: string = path): Promise<TargetsFile> {
  return buildTargets(await readYamlFile(path, WHAT, display));
}

export function parseTargetsFile(file: string, text: string): TargetsFile {
  return buildTargets(parseYamlText(file, text, WHAT));
}

function fail(problems: readonly Problem[]): never {
  return failWithProblems(WHAT, problems);
}

type Raw = Record<string, unknown>;

/** The tags and wave of a target or a catalog query entry. */
function placement(t: Raw): Placement {
  return { tags: (t.tags as string[]) ?? [], wave: t.wave as string | undefined };
}

function buildTargets(src: YamlSource): TargetsFile {
  if (!validate(src.value)) {
    // A connection string in the file is the error to show first.
    const secret = (e: ErrorObject) => e.keyword === 'additionalProperties' && SECRET_KEYS.has(String((e.params as { additionalProperty: string }).additionalProperty).toLowerCase());
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if').sort((a, b) => Number(secret(b)) - Number(secret(a)));
    fail(errors.map((e) => describeSchemaError(src, e, WORDS)));
  }
  const raw = src.value as unknown as Raw;
  const targets: TargetSpec[] = [];
  const queries: TargetQuery[] = [];
  (raw.targets as Raw[]).forEach((t, i) => {
    const location = locate(src, ['targets', i]);
    if (typeof t.query === 'string') {
      queries.push({ query: t.query, catalogUrlEnv: t.catalog_url_env as string, ...placement(t), location });
      return;
    }
    const replicas: ReplicaSpec[] = ((t.replicas as Raw[] | undefined) ?? []).map((r, j) => ({
      name: r.name as string,
      urlEnv: r.url_env as string,
      location: locate(src, ['targets', i, 'replicas', j]),
    }));
    targets.push({ name: t.name as string, urlEnv: t.url_env as string, ...placement(t), replicas, location });
  });
  const waves: WaveSpec[] = ((raw.waves as Raw[] | undefined) ?? []).map((w, i) => ({
    name: w.name as string,
    tags: (w.tags as string[]) ?? [],
    targets: (w.targets as string[]) ?? [],
    maxParallel: w.max_parallel as number | undefined,
    perHost: w.per_host as number | undefined,
    onError: w.on_error as OnError | undefined,
    location: locate(src, ['waves', i]),
  }));
  const file: TargetsFile = {
    file: src.file,
    targets,
    queries,
    waves,
    maxParallel: (raw.max_parallel as number | undefined) ?? DEFAULT_MAX_PARALLEL,
    perHost: (raw.per_host as number | undefined) ?? DEFAULT_PER_HOST,
    onError: (raw.on_error as OnError | undefined) ?? DEFAULT_ON_ERROR,
  };
  const problems = [...nameProblems(src, targets, queries), ...waveProblems(src, file)];
  if (problems.length) fail(problems);
  return file;
}

/** Target and replica names are unique across the file (they name rows of every report). */
function nameProblems(src: YamlSource, targets: readonly TargetSpec[], queries: readonly TargetQuery[]): Problem[] {
  const out: Problem[] = [];
  const seen = new Map<string, SourceLocation>();
  const note = (name: string, location: SourceLocation) => {
    const first = seen.get(name);
    if (first) out.push({ location, message: `the name "${name}" is already used at ${formatLocation(first)}` });
    else seen.set(name, location);
  };
  targets.forEach((t, i) => {
    note(t.name, locate(src, ['targets', i, 'name']));
    t.replicas.forEach((r, j) => note(r.name, locate(src, ['targets', i, 'replicas', j, 'name'])));
  });
  if (targets.length === 0 && queries.length === 0) out.push({ location: locate(src, ['targets']), message: 'targets is empty' });
  return out;
}

function waveProblems(src: YamlSource, f: TargetsFile): Problem[] {
  const out: Problem[] = [];
  const names = new Set<string>();
  f.waves.forEach((w, i) => {
    if (names.has(w.name)) out.push({ location: locate(src, ['waves', i, 'name']), message: `wave "${w.name}" is defined twice` });
    names.add(w.name);
  });
  const known = new Set(f.targets.map((t) => t.name));
  f.waves.forEach((w, i) =>
    w.targets.forEach((n, j) => {
      if (!known.has(n)) out.push({ location: locate(src, ['waves', i, 'targets', j]), message: `wave "${w.name}" names target "${n}", which the file does not define` });
    }),
  );
  const check = (wave: string | undefined, path: (string | number)[]) => {
    if (wave === undefined) return;
    if (f.waves.length === 0) out.push({ location: locate(src, path), message: `wave "${wave}" is named but the file defines no waves` });
    else if (!names.has(wave)) out.push({ location: locate(src, path), message: `unknown wave "${wave}"; the file defines ${[...names].join(', ')}` });
  };
  ((src.value as Raw).targets as Raw[]).forEach((t, i) => check(t.wave as string | undefined, ['targets', i, 'wave']));
  return out;
}

const WORDS: SchemaWords = {
  unknownKey: (key, where) =>
    SECRET_KEYS.has(key.toLowerCase()) ? `connection strings never go in the ${WHAT}: put the URL in an environment variable and name it with url_env` : `unknown key "${key}" in ${where}`,
  pattern: (path, where) =>
    path[path.length - 1] === 'url_env' || path[path.length - 1] === 'catalog_url_env'
      ? `${where} must be the name of an environment variable (UPPER_CASE) that holds the connection string, never the connection string itself`
      : `${where} must be a name of letters, digits, "_", "." or "-" (at most 63)`,
};
