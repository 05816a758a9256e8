/** `fas redis check [--config redis.yaml] [--compose docker-compose.yml] [--static] [--format text|json]` */
import { resolve } from 'node:path';
import { FasError } from '../util/errors.js';
import { findingsOf, formatJson, formatText, type Report } from '../redis/report.js';
import { runRedisCheck } from '../redis/run-check.js';
import { bool, oneOf, parseArgs, str } from './args.js';
import type { Command } from './command.js';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];
const FORMATTERS: Record<Format, (r: Report) => string> = { text: formatText, json: formatJson };

const USAGE = `Usage: fas redis check [--config redis.yaml] [--compose docker-compose.yml] [--static] [--format text|json]

Checks the Redis tiers l1, l2 and checkpoint: redis.yaml itself, its agreement with
docker-compose.yml, and (unless --static) the live servers. Live addresses can be
overridden with FAS_REDIS_L1_URL, FAS_REDIS_L2_URL and FAS_REDIS_CHECKPOINT_URL.

Exit status: 0 every tier holds its contract, 1 findings, 2 fas could not run.`;

export const redisCommand: Command = {
  name: 'redis',
  summary: 'redis check: validate the three Redis tiers',
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'check') throw new FasError('CONFIG', sub ? `fas redis: unknown subcommand ${sub}; try fas redis check` : 'fas redis: missing subcommand; try fas redis check');
    const args = parseArgs(rest, { flags: { config: 'string', compose: 'string', static: 'boolean', format: 'string' } }, 'redis check');
    if (args.positional.length > 0) throw new FasError('CONFIG', `fas redis check: unexpected argument ${args.positional[0]}`);
    const format = oneOf(str(args, 'format'), FORMATS, 'text', '--format');
    const config = str(args, 'config') ?? 'redis.yaml';
    const compose = str(args, 'compose') ?? 'docker-compose.yml';
    const report = await runRedisCheck({
      configPath: resolve(io.cwd, config),
      composePath: resolve(io.cwd, compose),
      configDisplay: config,
      composeDisplay: compose,
      staticOnly: bool(args, 'static'),
      env: io.env,
    });
    io.stdout(FORMATTERS[format](report));
    return findingsOf(report).length === 0 ? 'ok' : 'findings';
  },
};
