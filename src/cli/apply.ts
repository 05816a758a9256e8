import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const applyCommand: Command = {
  name: 'apply',
  summary: '',
  usage: 'fas apply',
  async run() {
    throw new FasError('INTERNAL', 'fas apply is not built yet');
  },
};
