/**
 * An error's location is printed once, before the message, relative to the
 * working directory. Messages built in library code often start with the same
 * absolute file:line:col (they are read without the CLI too): that copy goes,
 * and other absolute paths under the working directory become relative.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { formatLocation, type SourceLocation } from '../util/errors.js';

export function relativePath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file;
  const r = relative(cwd, file);
  return r === '' || r.startsWith('..') ? file : r;
}

/** "where: message" with the location once and relative. */
export function locatedMessage(message: string, location: SourceLocation | undefined, cwd: string): string {
  let text = message;
  let where = '';
  if (location) {
    const abs = formatLocation(location);
    where = `${formatLocation({ ...location, file: relativePath(location.file, cwd) })}: `;
    // file:line:col anywhere (contexts prefix it: "planning x: /abs/f.sql:3:1: ..."); a bare file name only in front
    if (location.line !== undefined) text = text.split(`${abs}: `).join('');
    else if (text.startsWith(`${abs}: `)) text = text.slice(abs.length + 2);
  }
  const prefix = cwd.endsWith(sep) ? cwd : cwd + sep;
  return where + text.split(prefix).join('');
}
