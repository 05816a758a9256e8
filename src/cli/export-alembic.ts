import type { Command } from './command.js';
import { FasError } from '../util/errors.js';

// Placeholder until this command lands; it fails loudly rather than pretending.
export const exportCommand: Command = {
  name: 'export-alembic',
  summary: '',
  usage: 'fas export-alembic',
  async run() {
    throw new FasError('INTERNAL', 'fas export-alembic is not built yet');
  },
};
