import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const redisCommand: Command = {
  name: 'redis-check',
  summary: '',
  usage: 'fas redis-check',
  async run() {
    throw new FasError('INTERNAL', 'fas redis-check is not built yet');
  },
};
