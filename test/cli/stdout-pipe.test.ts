/**
 * Output larger than a pipe's buffer reaches a slow reader whole: fas exits only once stdout is
 * written. Exiting at once cut `fas diff --format sql | psql` at 64 KiB when psql lagged.
 */
import test from 'ava';
import { execa } from 'execa';
import { join } from 'node:path';
import { createDb, runSql, servers } from '../support/servers.js';

const FAS = join(import.meta.dirname, '..', '..', 'bin', 'fas.js');
const server = servers()[0]!;

/** fas into a shell pipe whose reader starts after `delay` seconds (the pipe fills meanwhile): bytes read, fas's exit status. */
async function slowReader(args: string[], delay: number): Promise<{ bytes: number; code: number }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = await execa('bash', ['-c', `node '${FAS}' ${quoted} | (sleep ${delay}; wc -c); echo "\${PIPESTATUS[0]}"`], { env: { ...process.env, DATABASE_URL: '' } });
  const [bytes, code] = r.stdout.trim().split(/\s+/).map(Number);
  return { bytes: bytes!, code: code! };
}

test('fas diff --format sql of more than 64 KiB reaches a reader that starts late, whole', async (t) => {
  const empty = await createDb(server, 'fas_pipe');
  const big = await createDb(server, 'fas_pipe');
  t.teardown(async () => {
    await empty.drop();
    await big.drop();
  });
  const comment = 'x'.repeat(200);
  await runSql(big.url, Array.from({ length: 400 }, (_, i) => `CREATE TABLE t${i} (id integer PRIMARY KEY, v text); COMMENT ON TABLE t${i} IS '${comment}';`).join('\n'));
  const args = ['diff', '--from', empty.url, '--to', big.url, '--format', 'sql'];
  const whole = await execa('node', [FAS, ...args], { reject: false, env: { ...process.env, DATABASE_URL: '' } });
  t.is(whole.exitCode, 1, whole.stderr);
  t.true(Buffer.byteLength(whole.stdout) > 100_000, `${Buffer.byteLength(whole.stdout)} bytes`);
  const late = await slowReader(args, 2);
  t.is(late.code, 1);
  t.is(late.bytes, Buffer.byteLength(whole.stdout) + 1); // execa strips the final newline
});

test('a reader that stops early (| head): fas ends quietly with status 141, no EPIPE error or stack', async (t) => {
  const empty = await createDb(server, 'fas_pipe');
  const big = await createDb(server, 'fas_pipe');
  t.teardown(async () => {
    await empty.drop();
    await big.drop();
  });
  await runSql(big.url, Array.from({ length: 400 }, (_, i) => `CREATE TABLE t${i} (id integer PRIMARY KEY, v text); COMMENT ON TABLE t${i} IS '${'y'.repeat(200)}';`).join('\n'));
  const r = await execa('bash', ['-c', `node '${FAS}' diff --from '${empty.url}' --to '${big.url}' --format sql | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
    env: { ...process.env, DATABASE_URL: '' },
    reject: false,
  });
  t.is(Number(r.stdout.trim()), 141, r.stdout + r.stderr);
  t.notRegex(r.stderr, /EPIPE|Unhandled|node:internal/);
});
