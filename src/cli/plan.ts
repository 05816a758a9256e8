import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const planCommand: Command = {
  name: 'plan',
  summary: '',
  usage: 'fas plan',
  async run() {
    throw new FasError('INTERNAL', 'fas plan is not built yet');
  },
};
