/**
 * PostgreSQL's built-in casts between column types (pg_cast rows whose source
 * and target are built-in base, range or multirange types: oid < 16384), the
 * ones PostgreSQL 15, 16, 17 and 18 all have (18 adds bytea <-> smallint,
 * integer, bigint: left out, so a plan that works on 18 also works on 15).
 * Read from the servers with:
 *   SELECT format_type(castsource, NULL), format_type(casttarget, NULL) FROM pg_cast
 *    WHERE castsource < 16384 AND casttarget < 16384 (both typtype b, r or m)
 * Any pg_cast row serves an explicit cast (col::type), whatever its castcontext.
 * Casts to or from a string type go through text I/O and need no row here.
 */

/** Built-in types that are not arrays, as format_type prints them without a modifier. */
export const BUILTIN_TYPES: ReadonlySet<string> = new Set([
  '"char"', 'aclitem', 'bigint', 'bit', 'bit varying', 'boolean', 'box', 'bytea', 'character', 'character varying', 'cid', 'cidr', 'circle', 'date',
  'datemultirange', 'daterange', 'double precision', 'gtsvector', 'inet', 'int4multirange', 'int4range', 'int8multirange', 'int8range', 'integer',
  'interval', 'json', 'jsonb', 'jsonpath', 'line', 'lseg', 'macaddr', 'macaddr8', 'money', 'name', 'numeric', 'nummultirange', 'numrange', 'oid',
  'path', 'pg_brin_bloom_summary', 'pg_brin_minmax_multi_summary', 'pg_dependencies', 'pg_lsn', 'pg_mcv_list', 'pg_ndistinct', 'pg_node_tree',
  'pg_snapshot', 'point', 'polygon', 'real', 'refcursor', 'regclass', 'regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper',
  'regoperator', 'regproc', 'regprocedure', 'regrole', 'regtype', 'smallint', 'text', 'tid', 'time with time zone', 'time without time zone',
  'timestamp with time zone', 'timestamp without time zone', 'tsmultirange', 'tsquery', 'tsrange', 'tstzmultirange', 'tstzrange', 'tsvector',
  'txid_snapshot', 'uuid', 'xid', 'xid8', 'xml',
]);

/** String types (typcategory 'S'): an explicit cast to or from one always exists (I/O conversion). */
export const STRING_TYPES: ReadonlySet<string> = new Set(['character', 'character varying', 'name', 'text']);

/** Source type -> target types with a pg_cast row. */
export const BUILTIN_CASTS: Readonly<Record<string, readonly string[]>> = {
  '"char"': ['character', 'character varying', 'integer', 'text'],
  bigint: ['bit', 'double precision', 'integer', 'money', 'numeric', 'oid', 'real', 'regclass', 'regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper', 'regoperator', 'regproc', 'regprocedure', 'regrole', 'regtype', 'smallint'],
  bit: ['bigint', 'bit', 'bit varying', 'integer'],
  'bit varying': ['bit', 'bit varying'],
  boolean: ['character', 'character varying', 'integer', 'text'],
  box: ['circle', 'lseg', 'point', 'polygon'],
  character: ['"char"', 'character', 'character varying', 'name', 'text', 'xml'],
  'character varying': ['"char"', 'character', 'character varying', 'name', 'regclass', 'text', 'xml'],
  cidr: ['character', 'character varying', 'inet', 'text'],
  circle: ['box', 'point', 'polygon'],
  date: ['timestamp with time zone', 'timestamp without time zone'],
  daterange: ['datemultirange'],
  'double precision': ['bigint', 'integer', 'numeric', 'real', 'smallint'],
  inet: ['character', 'character varying', 'cidr', 'text'],
  int4range: ['int4multirange'],
  int8range: ['int8multirange'],
  integer: ['"char"', 'bigint', 'bit', 'boolean', 'double precision', 'money', 'numeric', 'oid', 'real', 'regclass', 'regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper', 'regoperator', 'regproc', 'regprocedure', 'regrole', 'regtype', 'smallint'],
  interval: ['interval', 'time without time zone'],
  json: ['jsonb'],
  jsonb: ['bigint', 'boolean', 'double precision', 'integer', 'json', 'numeric', 'real', 'smallint'],
  lseg: ['point'],
  macaddr: ['macaddr8'],
  macaddr8: ['macaddr'],
  money: ['numeric'],
  name: ['character', 'character varying', 'text'],
  numeric: ['bigint', 'double precision', 'integer', 'money', 'numeric', 'real', 'smallint'],
  numrange: ['nummultirange'],
  oid: ['bigint', 'integer', 'regclass', 'regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper', 'regoperator', 'regproc', 'regprocedure', 'regrole', 'regtype'],
  path: ['polygon'],
  pg_dependencies: ['bytea', 'text'],
  pg_mcv_list: ['bytea', 'text'],
  pg_ndistinct: ['bytea', 'text'],
  pg_node_tree: ['text'],
  point: ['box'],
  polygon: ['box', 'circle', 'path', 'point'],
  real: ['bigint', 'double precision', 'integer', 'numeric', 'smallint'],
  regclass: ['bigint', 'integer', 'oid'],
  regcollation: ['bigint', 'integer', 'oid'],
  regconfig: ['bigint', 'integer', 'oid'],
  regdictionary: ['bigint', 'integer', 'oid'],
  regnamespace: ['bigint', 'integer', 'oid'],
  regoper: ['bigint', 'integer', 'oid', 'regoperator'],
  regoperator: ['bigint', 'integer', 'oid', 'regoper'],
  regproc: ['bigint', 'integer', 'oid', 'regprocedure'],
  regprocedure: ['bigint', 'integer', 'oid', 'regproc'],
  regrole: ['bigint', 'integer', 'oid'],
  regtype: ['bigint', 'integer', 'oid'],
  smallint: ['bigint', 'double precision', 'integer', 'numeric', 'oid', 'real', 'regclass', 'regcollation', 'regconfig', 'regdictionary', 'regnamespace', 'regoper', 'regoperator', 'regproc', 'regprocedure', 'regrole', 'regtype'],
  text: ['"char"', 'character', 'character varying', 'name', 'regclass', 'xml'],
  'time with time zone': ['time with time zone', 'time without time zone'],
  'time without time zone': ['interval', 'time with time zone', 'time without time zone'],
  'timestamp with time zone': ['date', 'time with time zone', 'time without time zone', 'timestamp with time zone', 'timestamp without time zone'],
  'timestamp without time zone': ['date', 'time without time zone', 'timestamp with time zone', 'timestamp without time zone'],
  tsrange: ['tsmultirange'],
  tstzrange: ['tstzmultirange'],
  xid8: ['xid'],
  xml: ['character', 'character varying', 'text'],
};
