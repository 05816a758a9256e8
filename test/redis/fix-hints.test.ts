/** The fix a live finding offers depends on how the server was started. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { liveChecks } from '../../src/redis/live-checks.js';
import { parseRedisConfig } from '../../src/redis/load-config.js';
import type { Probe } from '../../src/redis/live-probe.js';

const config = parseRedisConfig('redis.yaml', readFileSync(new URL('../../redis.yaml', import.meta.url), 'utf8'));
const l2 = config.tiers.find((t) => t.name === 'l2')!;
const addr = { host: '127.0.0.1', port: l2.port, tls: false, display: `127.0.0.1:${l2.port}` };

function probe(configFile: string): Probe {
  return {
    kind: 'connected',
    authRequired: true,
    config: { appendonly: 'yes', save: '3600 1 300 100', 'maxmemory-policy': l2.maxmemoryPolicy, maxmemory: String(l2.maxmemory), 'protected-mode': 'yes', bind: '127.0.0.1' },
    info: { config_file: configFile, redis_version: '7.2.4', rdb_last_bgsave_status: 'ok', aof_last_write_status: 'ok', aof_last_bgrewrite_status: 'ok', loading: '0', role: 'master' },
  };
}

test('with a config file the fix ends with CONFIG REWRITE', (t) => {
  const f = liveChecks(l2, addr, probe('/etc/redis/redis.conf')).filter((c) => c.status === 'finding');
  t.deepEqual(f.map((c) => c.setting), ['appendonly']);
  t.deepEqual(f[0]!.fix, ['CONFIG SET appendonly no', 'CONFIG REWRITE']);
});

test('without a config file the fix names docker-compose.yml and says CONFIG SET alone is lost on restart', (t) => {
  const f = liveChecks(l2, addr, probe('')).filter((c) => c.status === 'finding');
  t.deepEqual(f.map((c) => c.setting), ['appendonly']);
  t.is(f[0]!.fix[0], 'CONFIG SET appendonly no');
  t.false(f[0]!.fix.includes('CONFIG REWRITE'));
  t.regex(f[0]!.fix[1]!, /without a config file.*lost on restart.*--appendonly no in the command of service redis-l2 in docker-compose\.yml/);
});
