/**
 * Schema files hold declarations only. Every parsed statement must be of a kind
 * on this allow-list (read from the parse tree, never from SQL text); anything
 * else (DO, COPY, SELECT, roles, databases, ALTER SYSTEM, LOAD, large objects,
 * CREATE TABLE AS, ...) is refused before anything reaches a server. Inside
 * allowed statements, calls of functions that touch the server's files, other
 * sessions or the configuration are refused too: some expressions (partition
 * bounds, fast column defaults) are evaluated while loading.
 * docs/schema-format.md "Allowed statements" lists the same kinds.
 */

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Statement kinds that declare objects in one database. */
const ALLOWED = new Set([
  'CreateSchemaStmt',
  'CreateExtensionStmt',
  'CreateEnumStmt',
  'AlterEnumStmt',
  'CreateRangeStmt',
  'CreateDomainStmt',
  'AlterDomainStmt',
  'CompositeTypeStmt',
  'DefineStmt', // CREATE TYPE / AGGREGATE / OPERATOR / COLLATION / TEXT SEARCH ...
  'CreateSeqStmt',
  'AlterSeqStmt',
  'CreateStmt',
  'AlterTableStmt',
  'ViewStmt',
  'CreateTableAsStmt', // materialized views only, see below
  'CreateFunctionStmt',
  'AlterFunctionStmt',
  'CreateTrigStmt',
  'IndexStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'RuleStmt',
  'CreateStatsStmt',
  'CreateCastStmt',
  'CreateOpClassStmt',
  'CreateOpFamilyStmt',
  'CommentStmt',
  'GrantStmt', // privileges on objects of the database, see below
  'AlterDefaultPrivilegesStmt',
  'AlterOwnerStmt',
  'AlterObjectSchemaStmt',
  'RenameStmt',
  // accepted here, refused with their own message by the loader
  'VariableSetStmt',
  'TransactionStmt',
]);

/** Object types that live outside the database (cluster-wide) or hold no declaration. */
const CLUSTER_OBJECTS = new Set([
  'OBJECT_DATABASE',
  'OBJECT_ROLE',
  'OBJECT_TABLESPACE',
  'OBJECT_LARGEOBJECT',
  'OBJECT_PARAMETER_ACL',
  'OBJECT_SUBSCRIPTION',
  'OBJECT_PUBLICATION',
  'OBJECT_FOREIGN_SERVER',
  'OBJECT_FDW',
  'OBJECT_USER_MAPPING',
  'OBJECT_EVENT_TRIGGER',
]);

/** Functions that read or write server files, signal sessions, sleep, or change settings. */
const FORBIDDEN_FUNCTIONS = new Set([
  'pg_read_file',
  'pg_read_binary_file',
  'pg_stat_file',
  'pg_ls_dir',
  'pg_ls_logdir',
  'pg_ls_waldir',
  'pg_ls_tmpdir',
  'pg_ls_archive_statusdir',
  'pg_ls_logicalsnapdir',
  'pg_ls_logicalmapdir',
  'pg_ls_replslotdir',
  'pg_file_write',
  'pg_file_rename',
  'pg_file_unlink',
  'pg_file_sync',
  'lo_import',
  'lo_export',
  'lo_create',
  'lo_creat',
  'lo_unlink',
  'lo_from_bytea',
  'lo_put',
  'pg_sleep',
  'pg_sleep_for',
  'pg_sleep_until',
  'pg_terminate_backend',
  'pg_cancel_backend',
  'pg_reload_conf',
  'pg_rotate_logfile',
  'pg_promote',
  'pg_switch_wal',
  'pg_backup_start',
  'pg_backup_stop',
  'set_config',
  'dblink',
  'dblink_exec',
  'dblink_connect',
  'dblink_connect_u',
  'dblink_send_query',
  'query_to_xml',
  'query_to_xml_and_xmlschema',
  'query_to_xmlschema',
  'cursor_to_xml',
  'table_to_xml',
  'pg_notify',
  'pg_advisory_lock',
  'pg_advisory_xact_lock',
  'pg_create_physical_replication_slot',
  'pg_create_logical_replication_slot',
  'pg_drop_replication_slot',
]);

/** Human names for the statements people most often try. */
const LABELS: Record<string, string> = {
  DoStmt: 'DO',
  CopyStmt: 'COPY',
  SelectStmt: 'SELECT',
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  CallStmt: 'CALL',
  CreateRoleStmt: 'CREATE ROLE',
  AlterRoleStmt: 'ALTER ROLE',
  AlterRoleSetStmt: 'ALTER ROLE ... SET',
  DropRoleStmt: 'DROP ROLE',
  GrantRoleStmt: 'GRANT/REVOKE of a role',
  CreatedbStmt: 'CREATE DATABASE',
  DropdbStmt: 'DROP DATABASE',
  AlterDatabaseStmt: 'ALTER DATABASE',
  AlterDatabaseSetStmt: 'ALTER DATABASE ... SET',
  AlterSystemStmt: 'ALTER SYSTEM',
  LoadStmt: 'LOAD',
  DropStmt: 'DROP',
  TruncateStmt: 'TRUNCATE',
  ExplainStmt: 'EXPLAIN',
  ExecuteStmt: 'EXECUTE',
  PrepareStmt: 'PREPARE',
  LockStmt: 'LOCK',
  VacuumStmt: 'VACUUM/ANALYZE',
  RefreshMatViewStmt: 'REFRESH MATERIALIZED VIEW',
  CreateEventTrigStmt: 'CREATE EVENT TRIGGER',
  CreateTableSpaceStmt: 'CREATE TABLESPACE',
  CreateSubscriptionStmt: 'CREATE SUBSCRIPTION',
  CreatePublicationStmt: 'CREATE PUBLICATION',
  CreateUserMappingStmt: 'CREATE USER MAPPING',
  CreateForeignServerStmt: 'CREATE SERVER',
  ImportForeignSchemaStmt: 'IMPORT FOREIGN SCHEMA',
  AlterExtensionStmt: 'ALTER EXTENSION',
  NotifyStmt: 'NOTIFY',
  ListenStmt: 'LISTEN',
  CheckPointStmt: 'CHECKPOINT',
  ReindexStmt: 'REINDEX',
  ClusterStmt: 'CLUSTER',
  DiscardStmt: 'DISCARD',
  VariableShowStmt: 'SHOW',
  DeclareCursorStmt: 'DECLARE',
  SecLabelStmt: 'SECURITY LABEL',
};

function label(nodeType: string): string {
  return LABELS[nodeType] ?? nodeType.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

/** Why one statement is refused (undefined: allowed). `at` is a parse-tree byte offset when known. */
export interface Refusal {
  readonly reason: string;
  readonly at?: number;
}

const WHY = 'schema files hold declarations only; see "Allowed statements" in docs/schema-format.md';

function refuseKind(nodeType: string, n: Obj): string | undefined {
  if (!ALLOWED.has(nodeType)) return `${label(nodeType)} is not allowed in a schema file (${WHY})`;
  if (nodeType === 'CreateTableAsStmt' && n.objtype !== 'OBJECT_MATVIEW')
    return `CREATE TABLE AS / SELECT INTO runs a query; declare the table (YAML or CREATE TABLE) instead (${WHY})`;
  const objtype = [n.objtype, n.objectType, n.renameType, n.kind].find((x): x is string => typeof x === 'string' && x.startsWith('OBJECT_'));
  if (objtype && CLUSTER_OBJECTS.has(objtype))
    return `${label(nodeType)} on ${objtype.slice('OBJECT_'.length).toLowerCase().replace(/_/g, ' ')} reaches outside the database (${WHY})`;
  return undefined;
}

/** The name of a FuncCall node, lower-cased (last part of a qualified name). */
function funcName(node: Obj): string | undefined {
  const names = node.funcname;
  if (!Array.isArray(names) || names.length === 0) return undefined;
  const last = names[names.length - 1] as Obj;
  const s = isObj(last) && isObj(last.String) ? (last.String as Obj).sval : undefined;
  return typeof s === 'string' ? s.toLowerCase() : undefined;
}

/** A forbidden call anywhere in a tree, except inside function bodies (which run only when called). */
function forbiddenCall(tree: unknown): Refusal | undefined {
  const walk = (node: unknown): Refusal | undefined => {
    if (Array.isArray(node)) {
      for (const x of node) {
        const r = walk(x);
        if (r) return r;
      }
      return undefined;
    }
    if (!isObj(node)) return undefined;
    if ('funcformat' in node && Array.isArray(node.funcname)) {
      const name = funcName(node);
      if (name && FORBIDDEN_FUNCTIONS.has(name)) {
        return {
          reason: `a call of ${name}() is not allowed in a schema file: it touches the server, other sessions or settings, and some expressions run while fas loads the schema (${WHY})`,
          at: typeof node.location === 'number' ? node.location : undefined,
        };
      }
    }
    for (const [k, v] of Object.entries(node)) {
      if (k === 'sql_body') continue;
      const r = walk(v);
      if (r) return r;
    }
    return undefined;
  };
  return walk(tree);
}

/** Check one parsed statement against the allow-list; nested statements (CREATE SCHEMA ... CREATE TABLE) too. */
export function refusal(nodeType: string, n: Obj): Refusal | undefined {
  const kind = refuseKind(nodeType, n);
  if (kind) return { reason: kind };
  if (nodeType === 'CreateSchemaStmt' && Array.isArray(n.schemaElts)) {
    for (const e of n.schemaElts) {
      if (!isObj(e)) continue;
      const [t] = Object.keys(e);
      const r = t ? refusal(t, e[t] as Obj) : undefined;
      if (r) return r;
    }
  }
  return forbiddenCall(n);
}
