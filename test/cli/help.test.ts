/** A CLI that helps: did-you-mean for commands and options, -v, every command's --help lists all its options and an example. */
import test from 'ava';
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { commandNames, commandSpec, main } from '../../src/cli/main.js';
import { undocumentedFlags } from '../../src/cli/help.js';
import { closest } from '../../src/cli/suggest.js';
import type { Io } from '../../src/cli/command.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FAS = join(ROOT, 'bin', 'fas.js');

function capture(): Io & { out: string; err: string } {
  const io = { out: '', err: '', cwd: ROOT, env: {} as NodeJS.ProcessEnv, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

test('fas aply suggests apply and exits 2', async (t) => {
  const r = await execa('node', [FAS, 'aply'], { reject: false });
  t.is(r.exitCode, 2);
  t.regex(r.stderr, /unknown command aply; did you mean apply\?/);
  t.notRegex(r.stderr, /Commands:/, 'a suggestion, not the whole help');
});

test('an unknown option names the closest known one', async (t) => {
  const io = capture();
  t.is(await main(['plan', '--mesage', 'x'], io), 2);
  t.regex(io.err, /unknown option --mesage; did you mean --message\?/);
  const io2 = capture();
  t.is(await main(['apply', '--allow-hazard', 'all'], io2), 2);
  t.regex(io2.err, /did you mean --allow-hazards\?/);
  t.is(closest('xyzzy', ['plan', 'apply']), undefined, 'no wild guesses');
});

test('fas -v and --version print the version from package.json', async (t) => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  for (const flag of ['-v', '--version']) {
    const r = await execa('node', [FAS, flag]);
    t.is(r.stdout, `fas ${pkg.version}`);
  }
});

test("every command's --help lists each of its options on a line of its own, and an example", async (t) => {
  for (const name of commandNames()) {
    const spec = await commandSpec(name);
    t.truthy(spec, `${name} parses its arguments with parseArgs`);
    t.deepEqual(undocumentedFlags(name, spec!), [], `${name}: options without a line in src/cli/help.ts OPTION_DOCS`);
    const io = capture();
    t.is(await main([name, '--help'], io), 0, name);
    for (const flag of Object.keys(spec!.flags)) t.regex(io.out, new RegExp(`^  (-\\w, )? *--${flag}\\b.*  +\\S`, 'm'), `${name} --help: --${flag}`);
    t.regex(io.out, /^Examples:\n {2}fas /m, `${name} --help has an example`);
  }
  const plan = capture();
  await main(['plan', '--help'], plan);
  t.regex(plan.out, /--db URL +the target database/);
});

test('fas completion bash|zsh print scripts that name the commands and their options', async (t) => {
  const bash = capture();
  t.is(await main(['completion', 'bash'], bash), 0);
  t.regex(bash.out, /complete -o default -F _fas fas/);
  t.regex(bash.out, /plan\) words="[^"]*--message/);
  const r = await execa('bash', ['-n'], { input: bash.out, reject: false });
  t.is(r.exitCode, 0, r.stderr);
  const zsh = capture();
  t.is(await main(['completion', 'zsh'], zsh), 0);
  t.regex(zsh.out, /^#compdef fas/);
  t.regex(zsh.out, /db\) compadd -- start stop url status/);
  t.is(await main(['completion', 'fish'], capture()), 2);
});
