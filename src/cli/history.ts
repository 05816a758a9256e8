import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const historyCommand: Command = {
  name: 'history',
  summary: '',
  usage: 'fas history',
  async run() {
    throw new FasError('INTERNAL', 'fas history is not built yet');
  },
};
