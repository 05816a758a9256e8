/**
 * docker-compose.yml is exactly what the infrastructure guide sets: postgres
 * 18.1 and the three redis 7 tiers with their ports, volumes and persistence
 * flags; and it is valid against the compose specification's JSON schema
 * (the copy shipped inside the dclint package).
 */
import test from 'ava';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parseServerFlags, type ServerFlags } from '../../src/redis/compose-command.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const doc = parseDocument(text);

type Service = { image: string; ports: string[]; volumes: string[]; command?: string[]; environment?: Record<string, string>; healthcheck?: { test: string[] } };
const compose = doc.toJS() as { services: Record<string, Service>; volumes: Record<string, unknown> };

function composeSchema(): object {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('dclint/package.json'));
  const schema = JSON.parse(readFileSync(join(pkg, 'schemas', 'compose.schema.json'), 'utf8')) as { $schema?: string };
  // The file names draft-07 by its https:// address, which ajv registers as http://; draft-07 is ajv's default.
  delete schema.$schema;
  return schema;
}

test('docker-compose.yml parses without errors or warnings', (t) => {
  t.deepEqual(doc.errors, []);
  t.deepEqual(doc.warnings, []);
});

test('it validates against the compose specification JSON schema', (t) => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(composeSchema());
  const valid = validate(compose);
  t.true(valid, JSON.stringify(validate.errors, null, 2));
});

test('the schema check is not vacuous: an invalid file fails it', (t) => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(composeSchema());
  t.false(validate({ services: { redis: { image: 'redis:7', ports: 6379, unknown_key: true } } }));
});

test('services, images, ports and volumes are exactly those of the infrastructure guide', (t) => {
  const summary = Object.fromEntries(Object.entries(compose.services).map(([name, s]) => [name, { image: s.image, ports: s.ports, volumes: s.volumes }]));
  t.deepEqual(summary, {
    postgres: { image: 'postgres:18.1', ports: ['5432:5432'], volumes: ['postgres_data:/var/lib/postgresql'] },
    'redis-l1': { image: 'redis:7', ports: ['6379:6379'], volumes: ['redis_l1_data:/data'] },
    'redis-l2': { image: 'redis:7', ports: ['6380:6380'], volumes: ['redis_l2_data:/data'] },
    'redis-checkpoint': { image: 'redis:7', ports: ['6381:6381'], volumes: ['redis_checkpoint_data:/data'] },
  });
  t.deepEqual(Object.keys(compose.volumes).sort(), ['postgres_data', 'redis_checkpoint_data', 'redis_l1_data', 'redis_l2_data']);
});

test('postgres: database fundamental_analysis, credentials postgres/postgres, pg_isready healthcheck', (t) => {
  const pg = compose.services.postgres!;
  t.deepEqual(pg.environment, { POSTGRES_DB: 'fundamental_analysis', POSTGRES_USER: 'postgres', POSTGRES_PASSWORD: 'postgres' });
  t.regex(pg.healthcheck!.test.join(' '), /pg_isready/);
});

function flags(service: string): ServerFlags {
  return parseServerFlags(compose.services[service]!.command);
}

const tiers = [
  { service: 'redis-l1', port: '6379', hybrid: true, passwordVar: 'REDIS_L1_PASSWORD' },
  { service: 'redis-l2', port: '6380', hybrid: false, passwordVar: 'REDIS_L2_PASSWORD' },
  { service: 'redis-checkpoint', port: '6381', hybrid: true, passwordVar: 'REDIS_CHECKPOINT_PASSWORD' },
] as const;

for (const tier of tiers) {
  test(`${tier.service}: persistence flags, port, password from the environment, healthcheck`, (t) => {
    const f = flags(tier.service);
    t.deepEqual(f.get('port'), [tier.port]);
    if (tier.hybrid) {
      t.deepEqual(f.get('appendonly'), ['yes']);
      t.deepEqual(f.get('aof-use-rdb-preamble'), ['yes']);
      t.deepEqual(f.get('appendfsync'), ['everysec']);
      t.deepEqual(f.get('maxmemory-policy'), ['noeviction']);
    } else {
      t.deepEqual(f.get('appendonly'), ['no']);
      t.is(f.get('aof-use-rdb-preamble'), undefined);
      t.deepEqual(f.get('maxmemory-policy'), ['allkeys-lru']);
    }
    t.true((f.get('save') ?? []).join(' ').trim().length > 0, 'RDB save points');
    t.deepEqual(f.get('requirepass'), [`\${${tier.passwordVar}:?set ${tier.passwordVar}}`]);
    const svc = compose.services[tier.service]!;
    t.is(svc.environment?.REDISCLI_AUTH, `\${${tier.passwordVar}:?set ${tier.passwordVar}}`);
    t.regex(svc.healthcheck!.test.join(' '), new RegExp(`redis-cli -p ${tier.port} ping`));
  });
}
