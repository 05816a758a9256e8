/**
 * What the real parser can tell about a routine from pg_get_functiondef():
 * its input argument types without parameter names (two definitions that
 * differ only in names are the same routine to PostgreSQL), and the functions
 * and relations a plain SQL body names (PostgreSQL records no dependency for
 * those, yet checks the body when the function is created).
 */
import { loadModule, parseSync } from 'libpg-query';

await loadModule();

type Node = Record<string, unknown>;

export interface QualifiedName {
  readonly schema: string | null;
  readonly name: string;
}

export interface RoutineFacts {
  /** e.g. "pg_catalog.int4,pg_catalog.varchar[]" */
  readonly argumentTypes: string;
  /** Every parameter: mode, name, type, whether it has a default. CREATE OR REPLACE cannot change names, OUT parameters or remove defaults. */
  readonly parameters: string;
  readonly language: string;
  /** SET search_path of the routine, if any. */
  readonly searchPath: readonly string[] | null;
  readonly calls: readonly QualifiedName[];
  readonly relations: readonly QualifiedName[];
}

const cache = new Map<string, RoutineFacts | null>();

function strings(list: unknown): string[] {
  return ((list as Node[] | undefined) ?? []).map((n) => ((n as { String?: { sval?: string } }).String?.sval ?? ''));
}

function qname(parts: string[]): QualifiedName | null {
  if (parts.length === 1) return { schema: null, name: parts[0]! };
  if (parts.length === 2) return { schema: parts[0]!, name: parts[1]! };
  return null;
}

/** Every FuncCall and RangeVar under a parse tree node. */
function walk(node: unknown, calls: QualifiedName[], relations: QualifiedName[]): void {
  if (Array.isArray(node)) {
    for (const x of node) walk(x, calls, relations);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  const fc = n.FuncCall as Node | undefined;
  if (fc) {
    const q = qname(strings(fc.funcname));
    if (q) calls.push(q);
  }
  const rv = n.RangeVar as { schemaname?: string; relname?: string } | undefined;
  if (rv?.relname) relations.push({ schema: rv.schemaname ?? null, name: rv.relname });
  for (const v of Object.values(n)) walk(v, calls, relations);
}

function typeKey(t: Node): string {
  const names = strings(t.names).join('.');
  const arrays = ((t.arrayBounds as unknown[] | undefined) ?? []).length;
  return names + '[]'.repeat(arrays) + (t.setof ? ' setof' : '');
}

function analyse(definition: string): RoutineFacts | null {
  const tree = parseSync(definition) as { stmts?: { stmt: Node }[] };
  const create = tree.stmts?.[0]?.stmt.CreateFunctionStmt as Node | undefined;
  if (!create) return null;
  const params = ((create.parameters as Node[] | undefined) ?? []).map((p) => p.FunctionParameter as Node);
  const inputs = params.filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE');
  const argumentTypes = inputs.map((p) => typeKey(p.argType as Node)).join(',');
  const parameters = params.map((p) => `${String(p.mode)} ${String(p.name ?? '')} ${typeKey(p.argType as Node)}${p.defexpr ? ' default' : ''}`).join(',');
  let language = 'sql';
  let searchPath: string[] | null = null;
  let body: string | null = null;
  for (const o of (create.options as Node[] | undefined) ?? []) {
    const d = o.DefElem as Node;
    if (d.defname === 'language') language = ((d.arg as Node).String as { sval: string }).sval;
    else if (d.defname === 'as') body = strings(((d.arg as Node).List as Node)?.items)[0] ?? null;
    else if (d.defname === 'set') {
      const v = d.arg as { VariableSetStmt?: { name?: string; args?: Node[] } };
      if (v.VariableSetStmt?.name === 'search_path')
        searchPath = (v.VariableSetStmt.args ?? []).map((a) => {
          const c = (a.A_Const as { sval?: { sval?: string } } | undefined)?.sval?.sval;
          return c ?? '';
        });
    }
  }
  const calls: QualifiedName[] = [];
  const relations: QualifiedName[] = [];
  if (language === 'sql' && body !== null && !create.sql_body) {
    try {
      walk(parseSync(body), calls, relations);
    } catch {
      // a body the parser rejects is the server's to report
    }
  }
  return { argumentTypes, parameters, language, searchPath, calls, relations };
}

/** Facts about a routine definition, or null when it is not a CREATE FUNCTION / PROCEDURE. */
export function routineFacts(definition: string): RoutineFacts | null {
  let f = cache.get(definition);
  if (f === undefined) {
    try {
      f = analyse(definition);
    } catch {
      f = null;
    }
    cache.set(definition, f);
  }
  return f;
}
