/**
 * The FAS database of this repository, for end-to-end tests: where the
 * repository and its CLI are, the tables generated-migrations/ creates (in the
 * schemas that hold tables), and the CLI run on a test database.
 */
import { execa } from 'execa';
import { join } from 'node:path';
import type { TestServer } from './servers.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FAS = join(ROOT, 'bin', 'fas.js');

/** The tables of the FAS schemas access_tracking, outcomes, public and workflow, sorted. */
export const FAS_TABLES: readonly string[] = [
  'access_tracking.file_access_log',
  'outcomes.actuals',
  'outcomes.lessons_learned',
  'outcomes.prediction_outcomes',
  'outcomes.predictions',
  'public.memory_access_audit',
  'workflow.agent_checkpoints',
  'workflow.batch_pause_operations',
  'workflow.paused_analyses',
];

export type FasRun = (...args: string[]) => Promise<{ exitCode?: number; stdout: string; stderr: string }>;

/** `fas` in `cwd` with `dbUrl` as the target and the test server for scratch databases; never rejects. */
export function fasOn(cwd: string, dbUrl: string, server: TestServer, env: NodeJS.ProcessEnv = {}): FasRun {
  const all = { ...process.env, DATABASE_URL: dbUrl, FAS_DEV_DATABASE_URL: server.adminUrl, ...env };
  return (...args) => execa('node', [FAS, ...args], { cwd, env: all, reject: false });
}
