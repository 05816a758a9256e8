/**
 * Which statements of a schema file the loader role (no superuser) cannot run
 * itself, read from the parse tree. None of them executes code from the files:
 * CREATE EXTENSION runs the server's own extension scripts; the others only
 * write catalog entries. See SourceStatement.privileged.
 */
import type { Privileged } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** ALTER TABLE / VIEW / SEQUENCE ... OWNER TO, and nothing else in the statement. */
function onlyOwnerChange(n: Obj): boolean {
  const cmds = Array.isArray(n.cmds) ? n.cmds : [];
  return cmds.length > 0 && cmds.every((c) => isObj(c) && isObj(c.AlterTableCmd) && c.AlterTableCmd.subtype === 'AT_ChangeOwner');
}

/**
 * Extensions whose functions open connections from a connection string: code of
 * the files could log in as the embedded server's superuser (its password is
 * no secret) while loading.
 */
const CONNECTING_EXTENSIONS = new Set(['dblink']);

export function privilegedKind(nodeType: string, n: Obj): Privileged | undefined {
  switch (nodeType) {
    case 'CreateExtensionStmt':
      // untrusted extensions need a superuser; trusted ones run their script as one anyway
      return CONNECTING_EXTENSIONS.has(String(n.extname)) ? 'connects' : 'extension';
    case 'AlterDefaultPrivilegesStmt':
      return 'after'; // without FOR ROLE it applies to the role that runs it: the server's given role, as before
    case 'AlterOwnerStmt':
      return 'after'; // the new owner is a role the loader is not a member of
    case 'AlterTableStmt':
      return onlyOwnerChange(n) ? 'after' : undefined;
    case 'CommentStmt':
      return n.objtype === 'OBJECT_EXTENSION' ? 'after' : 'fallback';
    case 'GrantStmt':
      return 'fallback';
    default:
      return undefined;
  }
}
