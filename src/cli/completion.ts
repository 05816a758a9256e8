/** `fas completion bash|zsh`: a completion script for the commands and each command's options. */
import type { Command, Io, Outcome } from './command.js';
import { parseArgs } from './args.js';
import { FasError } from '../util/errors.js';
import { commandNames, commandSpec } from './main.js';

const USAGE = `fas completion bash|zsh

Prints a shell completion script for fas: command names, each command's options,
and the values of db, redis and export.`;

const SUBWORDS: Record<string, readonly string[]> = { db: ['start', 'stop', 'url', 'status'], redis: ['check'], export: ['alembic'], completion: ['bash', 'zsh'] };

async function table(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const name of commandNames()) {
    const spec = await commandSpec(name);
    const flags = Object.keys(spec?.flags ?? {}).map((f) => `--${f}`);
    out.set(name, [...(SUBWORDS[name] ?? []), ...flags, '--help']);
  }
  return out;
}

function bash(t: Map<string, string[]>): string {
  const cases = [...t].map(([c, words]) => `    ${c}) words="${words.join(' ')}" ;;`).join('\n');
  return `# fas bash completion: source this file, or add \`eval "$(fas completion bash)"\` to ~/.bashrc
_fas() {
  local cur cmd words
  cur="\${COMP_WORDS[COMP_CWORD]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${[...t.keys()].join(' ')} --help --version" -- "$cur") )
    return
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$cmd" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  [ \${#COMPREPLY[@]} -eq 0 ] && COMPREPLY=( $(compgen -f -- "$cur") )
}
complete -o default -F _fas fas
`;
}

function zsh(t: Map<string, string[]>): string {
  const cases = [...t].map(([c, words]) => `    ${c}) compadd -- ${words.join(' ')} ;;`).join('\n');
  return `#compdef fas
# fas zsh completion: put this file as _fas on your $fpath, or add \`eval "$(fas completion zsh)"\` after compinit
_fas() {
  if (( CURRENT == 2 )); then
    compadd -- ${[...t.keys()].join(' ')} --help --version
    return
  fi
  case "\${words[2]}" in
${cases}
  esac
  _files
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then _fas "$@"; else compdef _fas fas; fi
`;
}

export const completionCommand: Command = {
  name: 'completion',
  summary: 'print a shell completion script',
  usage: USAGE,
  async run(argv, io: Io): Promise<Outcome> {
    const args = parseArgs(argv, { flags: {} }, 'completion');
    const [shell, ...extra] = args.positional;
    if (extra.length || (shell !== 'bash' && shell !== 'zsh')) throw new FasError('CONFIG', `fas completion: expected bash or zsh${shell ? `, got ${shell}` : ''}`);
    const t = await table();
    io.stdout(shell === 'bash' ? bash(t) : zsh(t));
    return 'ok';
  },
};
