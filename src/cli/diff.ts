import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const diffCommand: Command = {
  name: 'diff',
  summary: '',
  usage: 'fas diff',
  async run() {
    throw new FasError('INTERNAL', 'fas diff is not built yet');
  },
};
