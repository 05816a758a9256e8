import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const currentCommand: Command = {
  name: 'current',
  summary: '',
  usage: 'fas current',
  async run() {
    throw new FasError('INTERNAL', 'fas current is not built yet');
  },
};
