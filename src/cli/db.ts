/** `fas db start|stop|url|status`: the project's embedded PostgreSQL 18, kept running on request. */
import type { Command, Io, Outcome } from './command.js';
import { parseArgs } from './args.js';
import { FasError } from '../util/errors.js';
import { embeddedStatus, keepEmbedded, stopProjectServer } from '../scratch/embedded.js';

const USAGE = `fas db start|stop|url|status

The project's embedded PostgreSQL 18 (data under .fas/pg18, git-ignored).
  start    start it (or keep the one a command started) and leave it running; prints its URL
  url      print the URL of the running server (exit 1 when none runs)
  status   whether it runs, its URL, and which fas commands use it
  stop     stop it; nothing is left running
While it runs, every fas command of this project without --db / DATABASE_URL uses it.`;

export const dbCommand: Command = {
  name: 'db',
  summary: 'the embedded PostgreSQL 18: start (kept running), url, status, stop',
  usage: USAGE,
  async run(argv, io: Io): Promise<Outcome> {
    const args = parseArgs(argv, { flags: {} }, 'db');
    const [action, ...extra] = args.positional;
    if (extra.length) throw new FasError('CONFIG', `fas db ${action}: unexpected argument ${extra[0]}`);
    const log = (m: string) => io.stderr(m + '\n');
    switch (action) {
      case 'start': {
        const s = await keepEmbedded(io.cwd, log);
        io.stderr(s.started ? `fas: embedded PostgreSQL 18 started (pid ${s.pid}); stop it with \`fas db stop\`\n` : `fas: embedded PostgreSQL 18 already running (pid ${s.pid}); it stays up until \`fas db stop\`\n`);
        io.stdout(`${s.url}\n`);
        return 'ok';
      }
      case 'url': {
        const s = await embeddedStatus(io.cwd);
        if (!s) {
          io.stderr('fas: the embedded PostgreSQL 18 is not running; start it with `fas db start`\n');
          return 'findings';
        }
        io.stdout(`${s.url}\n`);
        return 'ok';
      }
      case 'status': {
        const s = await embeddedStatus(io.cwd);
        if (!s) io.stdout('not running\n');
        else io.stdout(`running: pid ${s.pid}, ${s.url}\nkept running: ${s.keep ? 'yes (until `fas db stop`)' : 'no (stops after the last command)'}\nused by: ${s.users.length ? s.users.map((u) => `pid ${u}`).join(', ') : 'no command'}\n`);
        return s ? 'ok' : 'findings';
      }
      case 'stop': {
        const r = await stopProjectServer(io.cwd);
        if (r.users.length) io.stderr(`fas: warning: stopped while fas commands still used it (pid ${r.users.join(', ')})\n`);
        io.stderr(r.stopped ? 'fas: embedded PostgreSQL 18 stopped\n' : 'fas: the embedded PostgreSQL 18 was not running\n');
        return 'ok';
      }
      default:
        throw new FasError('CONFIG', action ? `fas db: unknown action ${action}; expected start, stop, url or status` : 'fas db: expected start, stop, url or status');
    }
  },
};
