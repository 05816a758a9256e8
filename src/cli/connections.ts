/** Connection flags shared by the commands that talk to PostgreSQL. */
import type { Environment } from '../engine/environment.js';
import type { Io } from './command.js';
import { str, type ParsedArgs } from './args.js';

export const CONNECTION_FLAGS = { db: 'string', 'dev-url': 'string' } as const;

/** The target (--db) and the revision directory (--dir): the flags of the commands that compare what a target applied with the revision files. */
export const TARGET_REVISION_FLAGS = { db: 'string', dir: 'string' } as const;

export function environment(args: ParsedArgs, io: Io): Environment {
  return {
    cwd: io.cwd,
    env: io.env,
    log: (m) => io.stderr(m + '\n'),
    dbUrl: str(args, 'db') ?? (io.env.DATABASE_URL || undefined),
    devUrl: str(args, 'dev-url') ?? (io.env.FAS_DEV_DATABASE_URL || undefined),
  };
}
