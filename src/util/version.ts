/** fas's version: the one in package.json, found next to the code whether it runs from src/ or dist/. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function fasVersion(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string; bin?: Record<string, string> };
      if (pkg.bin?.fas && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: look one directory up
    }
    dir = dirname(dir);
  }
  return (cached = 'unknown');
}
