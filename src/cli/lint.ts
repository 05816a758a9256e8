import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const lintCommand: Command = {
  name: 'lint',
  summary: '',
  usage: 'fas lint',
  async run() {
    throw new FasError('INTERNAL', 'fas lint is not built yet');
  },
};
