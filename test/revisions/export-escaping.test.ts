import test from 'ava';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pythonString } from '../../src/revisions/python-literal.js';
import { escapeForTextClause, unescapeTextClause } from '../../src/revisions/sqlalchemy-text.js';
import { renderAlembicRevision } from '../../src/revisions/alembic-export.js';
import { decodePyString, tokenizePython } from '../../src/revisions/python-tokens.js';
import { lintPythonSource } from '../../src/revisions/lint-python.js';
import { rev, stmt } from './support.js';

const PY = '/usr/bin/python3';
const havePython = existsSync(PY);

/** Evaluate each literal with Python's ast.literal_eval; returns the values as JSON (surrogates escaped). */
function pythonEval(literals: string[]): string[] {
  const script = 'import ast, json, sys\nfor lit in json.load(sys.stdin):\n    print(json.dumps(ast.literal_eval(lit)))\n';
  const out = execFileSync(PY, ['-W', 'error', '-c', script], { input: JSON.stringify(literals), encoding: 'utf8' });
  return out.trimEnd().split('\n').map((l) => JSON.parse(l) as string);
}

const tricky = fc.constantFrom('"', '""', '"""', "'", "'''", '\\', '\\n', '\n', '\r', '\r\n', '\t', '\0', '\x7f', '\x85', '\u2028', '$$', ';', ':', '::', '\\:', ':x', 'é', '🐘', '\ud800', '{', '}', '%', '%s');
const textArb = fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 10 }), tricky), { maxLength: 12 }).map((xs) => xs.join(''));

(havePython ? test : test.skip)('pythonString gives literals that /usr/bin/python3 ast.literal_eval reads back exactly', (t) => {
  const samples = fc.sample(textArb, 400);
  samples.push('', '"', 'a"', '"a', 'x\n"', '"\n"', '\n', "CREATE FUNCTION f() RETURNS text AS $$ SELECT 'it''s; \"q\" \\ é' $$ LANGUAGE sql");
  const back = pythonEval(samples.map(pythonString));
  t.deepEqual(back, samples);
});

test('the lint tokenizer reads exported literals back exactly', (t) => {
  fc.assert(
    fc.property(textArb, (s) => {
      const [tok, ...rest] = tokenizePython(`x = ${pythonString(s)}  # done`).slice(2);
      return rest.length === 0 && tok?.kind === 'string' && decodePyString(tok) === s;
    }),
    { numRuns: 500 },
  );
  t.pass();
});

test('the text() colon escape is undone exactly the way SQLAlchemy undoes it', (t) => {
  fc.assert(fc.property(textArb, (s) => unescapeTextClause(escapeForTextClause(s)) === s));
  t.is(escapeForTextClause("SELECT 1::int, ':x'"), "SELECT 1\\:\\:int, '\\:x'");
});

(havePython ? test : test.skip)('an exported revision is valid Python whose op.execute strings are the statements, and lints clean', async (t) => {
  const fnSql = `CREATE FUNCTION app.f(a text) RETURNS text LANGUAGE plpgsql AS $fn$\nBEGIN\n  RAISE NOTICE 'x: %; "%"', a, '\\';\n  RETURN a || ';';\nEND\n$fn$`;
  const r = rev('aaaaaaaaaaaa', null, 'a "quoted" message\nwith """ lines', [stmt('CREATE SCHEMA app'), stmt(fnSql, { hazards: [{ type: 'AUTHZ_UPDATE', message: 'x\ny' }] }), stmt('CREATE INDEX CONCURRENTLY i ON app.t (a)', { transactional: false })], []);
  const py = renderAlembicRevision(r);
  const script = [
    'import ast, json, sys',
    'tree = ast.parse(sys.stdin.read())',
    'calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "execute"]',
    'withs = [n for n in ast.walk(tree) if isinstance(n, ast.With)]',
    'print(json.dumps({"doc": ast.get_docstring(tree, clean=False), "sql": [ast.literal_eval(c.args[0]) for c in calls], "withs": len(withs)}))',
  ].join('\n');
  const out = JSON.parse(execFileSync(PY, ['-W', 'error', '-c', script], { input: py, encoding: 'utf8' })) as { doc: string; sql: string[]; withs: number };
  t.deepEqual(out.sql.map(unescapeTextClause), r.upgrade.map((s) => s.sql));
  t.is(out.withs, 1);
  t.true(out.doc.startsWith(r.message));
  t.deepEqual(await lintPythonSource('x.py', py), []);
  t.regex(py, /def downgrade\(\) -> None:\n {4}pass\n/);
});
