/**
 * Rename directives in .sql schema files, in the comment block right above a statement:
 *
 *   -- fas:renamed-from schema.old_name      (view, materialized view, function, type, index, sequence, table)
 *   -- fas:renamed-from old_name             (ALTER TABLE ... ADD CONSTRAINT name: the constraint's old name)
 *   -- fas:renamed-value old -> new          (CREATE TYPE ... AS ENUM: a value renamed)
 *
 * The directive is a comment, not SQL: only its own small grammar is read here;
 * what the statement defines comes from the parse tree.
 */
import type { Rename, RenameKind } from '../diff/renames.js';
import { FasError } from '../util/errors.js';
import type { Loc } from './types.js';

interface Directive {
  readonly verb: 'renamed-from' | 'renamed-value';
  readonly arg: string;
  readonly loc: Loc;
}

/** Directives in the leading comments of a statement (text from its raw start to its first code byte). */
export function readDirectives(trivia: string, file: string, firstLine: number, firstColumn: number): Directive[] {
  const out: Directive[] = [];
  trivia.split('\n').forEach((line, i) => {
    const trimmed = line.trimStart();
    if (!trimmed.startsWith('--')) return;
    const body = trimmed.slice(2).trim();
    if (!body.startsWith('fas:')) return;
    const column = (i === 0 ? firstColumn : 1) + (line.length - trimmed.length);
    const loc = { file, line: firstLine + i, column };
    const space = body.search(/\s/);
    const verb = space < 0 ? body : body.slice(0, space);
    const arg = space < 0 ? '' : body.slice(space).trim();
    if (verb !== 'fas:renamed-from' && verb !== 'fas:renamed-value')
      fail(loc, `unknown directive "${verb}" (known: fas:renamed-from schema.old_name, fas:renamed-value old -> new)`);
    if (arg === '') fail(loc, `${verb} needs an argument`);
    out.push({ verb: verb.slice(4) as Directive['verb'], arg, loc });
  });
  return out;
}

function fail(loc: Loc, message: string): never {
  throw new FasError('CONFIG', `${loc.file}:${loc.line}:${loc.column}: ${message}`, { location: loc });
}

/** One identifier of a directive: bare (case kept as written) or "double quoted". */
function identifiers(text: string, loc: Loc): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let part = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail(loc, `unterminated quoted name in "${text}"`);
        if (text[i] === '"' && text[i + 1] === '"') (part += '"'), (i += 2);
        else if (text[i] === '"') break;
        else part += text[i++];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== '.') part += text[i++];
      if (!/^[A-Za-z_][A-Za-z0-9_$]*$/.test(part)) fail(loc, `"${part}" is not a name (quote it with double quotes if it has other characters)`);
    }
    parts.push(part);
    if (i >= text.length) break;
    if (text[i] !== '.') fail(loc, `unexpected "${text[i]}" in "${text}"`);
    i++;
  }
  return parts;
}

function str(x: unknown): string | undefined {
  return (x as { String?: { sval?: string } } | undefined)?.String?.sval;
}

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map(str).filter((x): x is string => x !== undefined) : [];
}

interface RangeVar {
  schemaname?: string;
  relname?: string;
}

/** What a statement defines, for renames: kind, schema, name (undefined when renames do not apply). */
function target(nodeType: string, n: Record<string, unknown>): { kind: RenameKind; schema?: string; name: string; parent?: string } | undefined {
  const rv = (x: unknown) => x as RangeVar | undefined;
  const qn = (list: unknown) => {
    const p = names(list);
    return { schema: p.length > 1 ? p[p.length - 2] : undefined, name: p[p.length - 1] ?? '' };
  };
  switch (nodeType) {
    case 'CreateStmt':
      return { kind: 'table', schema: rv(n.relation)?.schemaname, name: rv(n.relation)?.relname ?? '' };
    case 'ViewStmt':
      return { kind: 'view', schema: rv(n.view)?.schemaname, name: rv(n.view)?.relname ?? '' };
    case 'CreateTableAsStmt': {
      const rel = rv((n.into as { rel?: unknown } | undefined)?.rel);
      return n.objtype === 'OBJECT_MATVIEW' ? { kind: 'matview', schema: rel?.schemaname, name: rel?.relname ?? '' } : undefined;
    }
    case 'CreateSeqStmt':
      return { kind: 'sequence', schema: rv(n.sequence)?.schemaname, name: rv(n.sequence)?.relname ?? '' };
    case 'IndexStmt':
      return { kind: 'index', schema: rv(n.relation)?.schemaname, name: String(n.idxname ?? '') };
    case 'CreateEnumStmt':
      return { kind: 'enum', ...qn(n.typeName) };
    case 'CompositeTypeStmt':
      return { kind: 'composite', schema: rv(n.typevar)?.schemaname, name: rv(n.typevar)?.relname ?? '' };
    case 'CreateDomainStmt':
      return { kind: 'domain', ...qn(n.domainname) };
    case 'CreateFunctionStmt':
      return { kind: 'function', ...qn(n.funcname) };
    case 'AlterTableStmt': {
      const cmds = (n.cmds as { AlterTableCmd?: { subtype?: string; def?: { Constraint?: { conname?: string } } } }[] | undefined) ?? [];
      const c = cmds.length === 1 && cmds[0]!.AlterTableCmd?.subtype === 'AT_AddConstraint' ? cmds[0]!.AlterTableCmd.def?.Constraint?.conname : undefined;
      return c ? { kind: 'constraint', schema: rv(n.relation)?.schemaname, name: c, parent: rv(n.relation)?.relname } : undefined;
    }
    default:
      return undefined;
  }
}

/** The renames the directives above one statement declare; errors name file:line:col. */
export function directiveRenames(nodeType: string, node: Record<string, unknown>, directives: readonly Directive[]): Rename[] {
  if (!directives.length) return [];
  const t = target(nodeType, node);
  const out: Rename[] = [];
  for (const d of directives) {
    if (!t || !t.name) fail(d.loc, `fas:${d.verb} does not apply to this statement (${nodeType}); it goes right above a CREATE VIEW, MATERIALIZED VIEW, FUNCTION, TYPE, DOMAIN, INDEX, SEQUENCE, TABLE or ALTER TABLE ... ADD CONSTRAINT`);
    if (t.schema === undefined) fail(d.loc, `fas:${d.verb}: the statement below must schema-qualify its name`);
    if (d.verb === 'renamed-value') {
      if (t.kind !== 'enum') fail(d.loc, 'fas:renamed-value goes right above CREATE TYPE ... AS ENUM');
      const m = /^'((?:[^']|'')*)'\s*->\s*'((?:[^']|'')*)'$|^(\S+)\s*->\s*(\S+)$/.exec(d.arg);
      if (!m) fail(d.loc, `fas:renamed-value expects "old -> new" (quote values with single quotes if they hold spaces), got "${d.arg}"`);
      const from = (m[1] ?? m[3]!).replaceAll("''", "'");
      const to = (m[2] ?? m[4]!).replaceAll("''", "'");
      const values = ((node.vals as unknown[] | undefined) ?? []).map(str);
      if (from === to) fail(d.loc, `fas:renamed-value: old and new value are the same ("${from}")`);
      if (!values.includes(to)) fail(d.loc, `fas:renamed-value: the enum below has no value '${to}'`);
      if (values.includes(from)) fail(d.loc, `fas:renamed-value: the enum below still has the value '${from}'`);
      out.push({ kind: 'enum-value', schema: t.schema, parent: t.name, from, to, loc: d.loc });
      continue;
    }
    const parts = identifiers(d.arg, d.loc);
    if (t.kind === 'constraint') {
      if (parts.length !== 1) fail(d.loc, `fas:renamed-from above ADD CONSTRAINT takes the old constraint name alone, got "${d.arg}"`);
      if (parts[0] === t.name) fail(d.loc, `fas:renamed-from "${parts[0]}" is the constraint's own name`);
      out.push({ kind: 'constraint', schema: t.schema, parent: t.parent, from: parts[0]!, to: t.name, loc: d.loc });
      continue;
    }
    if (parts.length !== 2) fail(d.loc, `fas:renamed-from takes schema.old_name, got "${d.arg}"`);
    if (parts[0] !== t.schema) fail(d.loc, `fas:renamed-from must name an object in schema "${t.schema}" (moving objects to another schema is not supported)`);
    if (parts[1] === t.name) fail(d.loc, `fas:renamed-from "${d.arg}" is the object's own name`);
    out.push({ kind: t.kind, schema: t.schema, from: parts[1]!, to: t.name, loc: d.loc });
  }
  return out;
}
