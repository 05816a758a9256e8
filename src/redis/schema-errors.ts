/**
 * JSON-schema violations of a YAML file (redis.yaml, fas.targets.yaml) in
 * words, each at its file:line:col, and the one error that lists them all.
 */
import type { ErrorObject } from 'ajv';
import { FasError, formatLocation, type SourceLocation } from '../util/errors.js';
import { locate, type YamlSource } from './yaml-source.js';

export interface Problem {
  readonly location: SourceLocation;
  readonly message: string;
}

export type SchemaPath = readonly (string | number)[];

/** What a file says in its own words. */
export interface SchemaWords {
  /** An unknown key (default: `unknown key "K" in WHERE`). */
  unknownKey?(key: string, where: string): string;
  /** A value that does not match its pattern. */
  pattern(path: SchemaPath, where: string): string;
  /** Further keywords (e.g. anyOf) and their message. */
  more?: Readonly<Record<string, (where: string) => string>>;
  /** A missing required key is located at its parent's key rather than its value. */
  requiredAtKey?: boolean;
}

function pathOf(e: ErrorObject): (string | number)[] {
  return e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function describeSchemaError(src: YamlSource, e: ErrorObject, words: SchemaWords): Problem {
  const path = pathOf(e);
  const where = path.length ? path.join('.') : 'the top level';
  const at = (message: string): Problem => ({ location: locate(src, path), message });
  switch (e.keyword) {
    case 'additionalProperty':
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      return { location: locate(src, [...path, key], { key: true }), message: words.unknownKey?.(key, where) ?? `unknown key "${key}" in ${where}` };
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return { location: locate(src, path, { key: words.requiredAtKey === true }), message: `${where} is missing the required key "${key}"` };
    }
    case 'enum':
      return at(`${where} must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`);
    case 'const':
      return at(`${where} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}`);
    case 'pattern':
      return at(words.pattern(path, where));
    default: {
      const more = words.more?.[e.keyword];
      return at(more ? more(where) : `${where} ${e.message ?? 'is invalid'}`);
    }
  }
}

/** Throw the first problem, with the others listed after it; each problem once. */
export function failWithProblems(what: string, problems: readonly Problem[]): never {
  const seen = new Set<string>();
  const [first, ...rest] = problems.filter((p) => {
    const key = `${formatLocation(p.location)} ${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const others = rest.map((p) => `\n  ${formatLocation(p.location)}: ${p.message}`).join('');
  throw new FasError('YAML', `invalid ${what}: ${first!.message}${others}`, { location: first!.location });
}
