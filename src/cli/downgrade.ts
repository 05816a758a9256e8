import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const downgradeCommand: Command = {
  name: 'downgrade',
  summary: '',
  usage: 'fas downgrade',
  async run() {
    throw new FasError('INTERNAL', 'fas downgrade is not built yet');
  },
};
