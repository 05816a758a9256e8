/**
 * Cross-check redis.yaml with docker-compose.yml: for each tier, its service
 * runs redis:7 on the tier's port, keeps /data on a named volume, and its
 * redis-server flags give the declared persistence.
 */
import type { SourceLocation } from '../util/errors.js';
import { compare, finding, type Check } from './check.js';
import { lastFlag, parseServerFlags, type ServerFlags } from './compose-command.js';
import { parsePorts } from './compose-ports.js';
import { parseVolumes } from './compose-volumes.js';
import { parseMemorySize } from './memory-size.js';
import { PERSISTENCE_RULES } from './rules.js';
import { parseSaveText, showSave } from './save-points.js';
import { maxmemoryCheck, saveCheck } from './persistence-settings.js';
import type { RedisConfig, TierSpec } from './tier.js';
import { locate, readYamlFile, type YamlSource } from './yaml-source.js';

/** The image a tier must run: redis:7, or a pinned 7.x tag of it (redis:7.2, redis:7.4.1-alpine). */
const IMAGE = /^(docker\.io\/)?(library\/)?redis:7(\.\d+){0,2}(-[a-z0-9.]+)?$/;
const DEFAULT_LISTEN_PORT = 6379;

export async function loadCompose(path: string, display: string = path): Promise<YamlSource> {
  return readYamlFile(path, 'compose file', display);
}

export function composeChecks(config: RedisConfig, compose: YamlSource): Check[] {
  const services = (compose.value as { services?: Record<string, unknown> } | null)?.services ?? {};
  const declaredVolumes = Object.keys((compose.value as { volumes?: Record<string, unknown> } | null)?.volumes ?? {});
  return config.tiers.flatMap((t) => tierChecks(t, compose, services[t.service], declaredVolumes));
}

function tierChecks(t: TierSpec, compose: YamlSource, raw: unknown, declaredVolumes: readonly string[]): Check[] {
  const base = { tier: t.name, stage: 'compose' as const };
  const svcPath = ['services', t.service];
  const at = (...path: string[]): SourceLocation => locate(compose, [...svcPath, ...path]);
  const where = `${compose.file} services.${t.service}`;
  if (!raw || typeof raw !== 'object') {
    return [
      finding({
        ...base,
        setting: 'service',
        expected: `a service ${t.service}`,
        actual: 'missing',
        fix: [`add service ${t.service} to ${compose.file}, or set tiers.${t.name}.service in redis.yaml`],
        location: locate(compose, ['services']),
      }),
    ];
  }
  const svc = raw as { image?: unknown; command?: unknown; ports?: unknown; volumes?: unknown };
  const flags = parseServerFlags(svc.command);
  const checks: Check[] = [];
  const flagFix = (flag: string, value: string) => [`in ${where}.command, set ${flag} ${value}`];

  const image = typeof svc.image === 'string' ? svc.image : 'none';
  checks.push(compare({ ...base, setting: 'image', expected: 'redis:7', actual: image, same: IMAGE.test(image), fix: [`in ${where}, set image: redis:7`], location: at('image') }));

  const listen = Number(lastFlag(flags, 'port') ?? DEFAULT_LISTEN_PORT);
  const ports = parsePorts(svc.ports);
  const mapping = ports.find((p) => p.published === t.port);
  const shown = ports.map((p) => `${p.published ?? '?'}:${p.target}`).join(', ') || 'none';
  checks.push(
    compare({
      ...base,
      setting: 'port',
      expected: `${t.port}:${listen} (published ${t.port}, the server listens on ${listen})`,
      actual: shown,
      same: mapping !== undefined && mapping.target === listen,
      fix: [`in ${where}.ports, publish "${t.port}:${listen}"`],
      location: at('ports'),
    }),
  );

  const data = parseVolumes(svc.volumes).find((v) => v.target === '/data');
  const dataNamed = data?.named === true && declaredVolumes.includes(data.source!);
  checks.push(
    compare({
      ...base,
      setting: 'volume',
      expected: 'a named volume on /data',
      actual: data ? `${data.source ?? 'anonymous'}:/data${data.named && !dataNamed ? ' (not declared under volumes:)' : data.named ? '' : ' (not a named volume)'}` : 'nothing on /data',
      same: dataNamed,
      fix: [`in ${where}.volumes, mount redis_${t.name}_data:/data and declare redis_${t.name}_data under the top-level volumes:`],
      location: at('volumes'),
    }),
  );

  checks.push(...persistenceChecks(t, flags, base, flagFix, at('command')));
  checks.push(...authCheck(t, flags, base, flagFix, at('command')));
  return checks;
}

type Base = { tier: TierSpec['name']; stage: 'compose' };
type FlagFix = (flag: string, value: string) => string[];

function persistenceChecks(t: TierSpec, flags: ServerFlags, base: Base, flagFix: FlagFix, location: SourceLocation): Check[] {
  const rule = PERSISTENCE_RULES[t.persistence];
  const checks: Check[] = [];
  const explicit = (flag: string, expected: string) => {
    const actual = lastFlag(flags, flag);
    checks.push(
      compare({
        ...base,
        setting: flag,
        expected: `--${flag} ${expected}`,
        actual: actual === undefined ? `no --${flag} flag` : `--${flag} ${actual}`,
        same: actual === expected,
        fix: flagFix(`--${flag}`, expected),
        location,
      }),
    );
  };
  explicit('appendonly', rule.appendonly);
  if (rule.preamble) explicit('aof-use-rdb-preamble', rule.preamble);

  const saveFlags = flags.get('save');
  const actualSave = saveFlags === undefined ? undefined : parseSaveText(saveFlags.join(' '));
  const saveShown = saveFlags === undefined ? 'no --save flag' : actualSave === undefined ? `--save ${saveFlags.join(' --save ')} (unreadable)` : showSave(actualSave);
  checks.push(saveCheck(t, actualSave, saveShown, (v) => flagFix('--save', v), { ...base, location }));
  if (rule.appendonly === 'yes') {
    const fsync = lastFlag(flags, 'appendfsync') ?? 'everysec';
    checks.push(compare({ ...base, setting: 'appendfsync', expected: t.appendfsync, actual: fsync, same: fsync === t.appendfsync, fix: flagFix('--appendfsync', t.appendfsync), location }));
  }
  const policy = lastFlag(flags, 'maxmemory-policy') ?? 'noeviction';
  checks.push(
    compare({ ...base, setting: 'maxmemory-policy', expected: t.maxmemoryPolicy, actual: policy, same: policy === t.maxmemoryPolicy, fix: flagFix('--maxmemory-policy', t.maxmemoryPolicy), location }),
  );
  const maxmemory = parseMemorySize(lastFlag(flags, 'maxmemory') ?? '0');
  checks.push(maxmemoryCheck(t, maxmemory, String(lastFlag(flags, 'maxmemory')), (v) => flagFix('--maxmemory', v), { ...base, location }));
  return checks;
}

/** With auth declared, --requirepass must come from that environment variable, never a literal. */
function authCheck(t: TierSpec, flags: ServerFlags, base: Base, flagFix: FlagFix, location: SourceLocation): Check[] {
  if (!t.auth) return [];
  const value = lastFlag(flags, 'requirepass');
  const ref = value === undefined ? undefined : /^\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value)?.[1];
  const actual = value === undefined ? 'no --requirepass flag' : ref ? `--requirepass from \${${ref}}` : '--requirepass with a literal password (not shown)';
  return [
    compare({
      ...base,
      setting: 'requirepass',
      expected: `--requirepass from \${${t.auth}}`,
      actual,
      same: ref === t.auth,
      fix: flagFix('--requirepass', `\${${t.auth}:?set ${t.auth}}`),
      location,
    }),
  ];
}
