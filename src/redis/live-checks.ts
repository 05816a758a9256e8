/**
 * Compare a tier's live server with its contract: persistence and eviction
 * settings from CONFIG GET, health from INFO, and security. Each finding
 * carries the CONFIG SET that fixes it, followed by CONFIG REWRITE when the
 * server has a config file, else by where the setting must be made permanent.
 */
import { compare, finding, ok, type Check } from './check.js';
import type { Probe } from './live-probe.js';
import { PERSISTENCE_RULES } from './rules.js';
import { parseSaveText, showSave } from './save-points.js';
import { maxmemoryCheck, saveCheck } from './persistence-settings.js';
import type { TierAddress } from './tier-address.js';
import type { TierSpec } from './tier.js';

type Connected = Extract<Probe, { kind: 'connected' }>;
type Base = { tier: TierSpec['name']; stage: 'live' };

/**
 * The fix for one setting. CONFIG REWRITE needs a config file: a server started
 * with flags only (every compose-run tier) would refuse it, and a CONFIG SET
 * alone is lost on restart, so the hint names where the setting lives.
 */
function settingFix(t: TierSpec, info: Readonly<Record<string, string>>, now: string[], flag: string): string[] {
  if ((info.config_file ?? '').trim() !== '') return [...now, 'CONFIG REWRITE'];
  return [
    ...now,
    `the server runs without a config file, so ${now.length > 1 ? 'these commands are' : 'this is'} lost on restart: make it permanent with ${flag} in the command of service ${t.service} in docker-compose.yml (or in the config file the server is started with)`,
  ];
}

/** Dispatch on the probe's outcome: a server that did not answer gives one finding, a connected one gives all checks. */
export function liveChecks(t: TierSpec, addr: TierAddress, probe: Probe): Check[] {
  const base: Base = { tier: t.name, stage: 'live' };
  const passwordVar = t.auth ?? `REDIS_${t.name.toUpperCase()}_PASSWORD`;
  const handlers: { [K in Probe['kind']]: (p: Extract<Probe, { kind: K }>) => Check[] } = {
    unreachable: (p) => [
      finding({
        ...base,
        setting: 'reachable',
        expected: `a Redis server answering at ${addr.display}`,
        actual: `${p.reason} after ${p.elapsedMs} ms`,
        fix: [`start the ${t.name} server${addr.override ? '' : `, or point ${overrideHint(t)} at it`}`],
      }),
    ],
    'auth-missing': () => [
      finding({
        ...base,
        setting: 'auth',
        expected: t.auth ? `a password in $${t.auth}` : 'redis.yaml to name the password variable (auth:)',
        actual: `the server requires a password and fas was not given one${t.auth ? ` ($${t.auth} is not set)` : ''}`,
        fix: t.auth ? [`export ${t.auth}=<the ${t.name} password>`] : [`set tiers.${t.name}.auth: ${passwordVar} in redis.yaml and export ${passwordVar}`],
      }),
    ],
    'auth-rejected': (p) => [
      finding({
        ...base,
        setting: 'auth',
        expected: `the password from ${addr.passwordSource ?? 'the environment'} to be accepted`,
        actual: `rejected by the server (${p.reason}); the password is not shown`,
        fix: [`set ${addr.passwordSource ?? passwordVar} to the ${t.name} server's password`],
      }),
    ],
    'not-redis': (p) => [
      finding({
        ...base,
        setting: 'reachable',
        expected: `a Redis server answering at ${addr.display}`,
        actual: `not a Redis server: ${p.reason}`,
        fix: [`point the ${t.name} tier at its Redis server: port ${t.port} in redis.yaml${addr.override ? ` or ${addr.override}` : ''} reaches another service`],
      }),
    ],
    failed: (p) => [finding({ ...base, setting: 'commands', expected: 'CONFIG GET and INFO to answer', actual: p.reason, fix: ['allow CONFIG and INFO for the user fas connects as'] })],
    connected: (p) => connectedChecks(t, p, base, passwordVar),
  };
  return (handlers[probe.kind] as (p: Probe) => Check[])(probe);
}

function overrideHint(t: TierSpec): string {
  return `FAS_REDIS_${t.name.toUpperCase()}_URL`;
}

function connectedChecks(t: TierSpec, p: Connected, base: Base, passwordVar: string): Check[] {
  const rule = PERSISTENCE_RULES[t.persistence];
  const cfg = p.config;
  const info = p.info;
  const checks: Check[] = [];
  const configSet = (name: string, value: string) => settingFix(t, info, [`CONFIG SET ${name} ${value}`], `--${name} ${value}`);
  const setting = (name: string, expected: string) =>
    checks.push(compare({ ...base, setting: name, expected, actual: cfg[name] ?? 'not reported', same: cfg[name] === expected, fix: configSet(name, expected) }));

  setting('appendonly', rule.appendonly);
  if (rule.preamble) setting('aof-use-rdb-preamble', rule.preamble);

  const save = parseSaveText(cfg.save ?? '');
  const saveShown = save === undefined ? String(cfg.save) : showSave(save);
  checks.push(saveCheck(t, save, saveShown, (v) => configSet('save', v), base, { note: true }));
  if (rule.appendonly === 'yes') setting('appendfsync', t.appendfsync);
  setting('maxmemory-policy', t.maxmemoryPolicy);
  const maxmemory = Number(cfg.maxmemory);
  checks.push(maxmemoryCheck(t, Number.isFinite(maxmemory) ? maxmemory : undefined, String(cfg.maxmemory), (v) => configSet('maxmemory', v), base));

  const version = info.redis_version ?? 'unknown';
  checks.push(
    compare({ ...base, setting: 'redis_version', expected: '7 or later', actual: version, same: Number(version.split('.')[0]) >= 7, fix: ['upgrade the server to Redis 7 (image redis:7)'] }),
  );
  for (const status of ['rdb_last_bgsave_status', 'aof_last_write_status', 'aof_last_bgrewrite_status'] as const) {
    const actual = info[status] ?? 'not reported';
    checks.push(compare({ ...base, setting: status, expected: 'ok', actual, same: actual === 'ok', fix: ['check the server log and the free space and permissions of its data directory'] }));
  }
  const loading = info.loading ?? 'not reported';
  checks.push(compare({ ...base, setting: 'loading', expected: '0 (not loading)', actual: loading, same: loading === '0', fix: ['wait until the server has loaded its data, then check again'] }));
  const role = info.role === 'slave' ? 'replica' : (info.role ?? 'not reported');
  checks.push(compare({ ...base, setting: 'role', expected: t.role, actual: role, same: role === t.role, fix: t.role === 'master' ? settingFix(t, info, ['REPLICAOF NO ONE'], 'no --replicaof') : settingFix(t, info, ['REPLICAOF <master host> <master port>'], '--replicaof <master host> <master port>') }));

  checks.push(
    p.authRequired
      ? ok({ ...base, setting: 'requirepass', expected: 'a password required', actual: 'a password required' })
      : finding({
          ...base,
          setting: 'requirepass',
          expected: 'a password required',
          actual: 'none: the server answers without a password',
          fix: settingFix(t, info, [`CONFIG SET requirepass "$${passwordVar}"`], `--requirepass \${${passwordVar}}`),
        }),
  );
  const bind = cfg.bind ?? '';
  const exposed = bindsNonLoopback(bind);
  const protectedMode = cfg['protected-mode'] ?? 'not reported';
  checks.push(
    compare({
      ...base,
      setting: 'protected-mode',
      expected: exposed ? `yes (bound to ${bind})` : 'yes, or bound to loopback only',
      actual: `${protectedMode} (bind ${bind || 'all interfaces'})`,
      same: !exposed || protectedMode === 'yes',
      fix: configSet('protected-mode', 'yes'),
    }),
  );
  return checks;
}

/** Whether a bind list listens beyond loopback; an empty bind means every interface. */
export function bindsNonLoopback(bind: string): boolean {
  const addrs = bind.split(/\s+/).filter(Boolean).map((a) => a.replace(/^-/, ''));
  if (addrs.length === 0) return true;
  return addrs.some((a) => !(/^127\./.test(a) || a === '::1' || a === 'localhost'));
}
