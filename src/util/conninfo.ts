/**
 * PostgreSQL connection strings as libpq reads them: URIs
 * (postgresql://user:pass@host:port/db?param=value, with host= in the query for
 * Unix sockets, [IPv6] hosts) through pg-connection-string, the parser `pg`
 * itself uses, and the `key=value` form (values optionally single-quoted with
 * backslash escapes) read here. Anything else is a CONFIG error that prints the
 * string masked. Internally fas passes canonical URIs around.
 */
import { parse as parseUri } from 'pg-connection-string';
import { FasError } from './errors.js';

export interface ConnInfo {
  readonly host?: string;
  readonly port?: string;
  readonly user?: string;
  readonly password?: string;
  readonly database?: string;
  /** Every other libpq parameter (sslmode, application_name, options, ...). */
  readonly params: Readonly<Record<string, string>>;
}

/** libpq keywords (PostgreSQL 18) accepted in the key=value form. */
const KEYWORDS = new Set([
  'host', 'hostaddr', 'port', 'dbname', 'user', 'password', 'passfile', 'require_auth', 'channel_binding', 'connect_timeout',
  'client_encoding', 'options', 'application_name', 'fallback_application_name', 'keepalives', 'keepalives_idle',
  'keepalives_interval', 'keepalives_count', 'tcp_user_timeout', 'replication', 'gssencmode', 'sslmode', 'sslnegotiation',
  'sslcompression', 'sslcert', 'sslkey', 'sslpassword', 'sslcertmode', 'sslrootcert', 'sslcrl', 'sslcrldir', 'sslsni',
  'requirepeer', 'ssl_min_protocol_version', 'ssl_max_protocol_version', 'krbsrvname', 'gsslib', 'gssdelegation',
  'service', 'target_session_attrs', 'load_balance_hosts', 'min_protocol_version', 'max_protocol_version',
]);

const URI_PREFIX = /^postgres(?:ql)?:\/\//i;

/** A postgres:// URI or a libpq key=value string (as opposed to a path). */
export function isConnectionString(s: string): boolean {
  return URI_PREFIX.test(s) || /^\s*[a-z_]+\s*=/.test(s);
}

/**
 * A connection string with its credentials hidden, for messages. A string that
 * does not parse has everything between the scheme and its LAST '@' masked.
 */
export function maskConnectionString(s: string): string {
  try {
    const info = parseConnectionString(s);
    return formatUri({ ...info, password: info.password === undefined ? undefined : '****' });
  } catch {
    return maskUnparsed(s);
  }
}

const SHOWN_KEYS = new Set(['host', 'hostaddr', 'port', 'dbname', 'user', 'sslmode', 'application_name', 'connect_timeout']);

/** Mask an unparseable string: scheme://****@rest, or every value of a key=value string but the harmless ones. */
export function maskUnparsed(s: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@([^@]*)$/is.exec(s);
  if (m) return `${m[1]}****@${m[3]}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) return s;
  return s.replace(/\b([a-z_]+)(\s*=\s*)('(?:[^'\\]|\\.)*'?|\S*)/gi, (all, key: string, eq: string) => (SHOWN_KEYS.has(key.toLowerCase()) ? all : `${key}${eq}****`));
}

function configError(s: string, why: string): FasError {
  return new FasError('CONFIG', `not a valid PostgreSQL connection string (${why}): ${maskUnparsed(s)}`);
}

/** key=value pairs, libpq's conninfo_parse rules. */
function parseKeyValue(s: string): ConnInfo {
  const values: Record<string, string> = {};
  let i = 0;
  const n = s.length;
  const space = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < n) {
    while (space(s[i])) i++;
    if (i >= n) break;
    let key = '';
    while (i < n && s[i] !== '=' && !space(s[i])) key += s[i++];
    while (space(s[i])) i++;
    if (s[i] !== '=') throw configError(s, `a word without "=" (quote values that hold spaces)`);
    i++;
    while (space(s[i])) i++;
    let value = '';
    if (s[i] === "'") {
      i++;
      let closed = false;
      while (i < n) {
        if (s[i] === '\\' && i + 1 < n) {
          value += s[i + 1];
          i += 2;
        } else if (s[i] === "'") {
          closed = true;
          i++;
          break;
        } else value += s[i++];
      }
      if (!closed) throw configError(s, 'unterminated quoted value');
    } else {
      while (i < n && !space(s[i])) {
        if (s[i] === '\\' && i + 1 < n) {
          value += s[i + 1];
          i += 2;
        } else value += s[i++];
      }
    }
    if (!KEYWORDS.has(key)) throw configError(s, KEYWORDS.has(key.toLowerCase()) ? "parameter names are lower case" : "an unknown parameter name");
    values[key] = value;
  }
  const { host, hostaddr, port, user, password, dbname, ...params } = values;
  return { host: host ?? hostaddr, port, user, password, database: dbname, params };
}

function parseUriForm(s: string): ConnInfo {
  let c: Record<string, unknown>;
  try {
    c = parseUri(s) as unknown as Record<string, unknown>;
  } catch {
    throw configError(s, 'malformed URI');
  }
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const params: Record<string, string> = {};
  const query = s.indexOf('?') >= 0 ? new URLSearchParams(s.slice(s.indexOf('?') + 1)) : new URLSearchParams();
  for (const [k, v] of query) if (!['host', 'port', 'user', 'password', 'dbname'].includes(k)) params[k] = v;
  return {
    host: str(c.host) ?? str(query.get('host')),
    port: str(c.port === undefined || c.port === null ? undefined : String(c.port)),
    user: str(c.user),
    password: str(c.password),
    database: str(c.database) ?? str(query.get('dbname')),
    params,
  };
}

/** Parse a connection string; throws CONFIG (with the string masked) when libpq would not accept it. */
export function parseConnectionString(s: string): ConnInfo {
  const info = URI_PREFIX.test(s) ? parseUriForm(s) : /^\s*[a-z_]+\s*=/i.test(s) ? parseKeyValue(s) : undefined;
  if (!info) throw configError(s, 'expected postgresql://... or key=value pairs');
  if (info.port !== undefined && !/^\d{1,5}$/.test(info.port)) throw configError(s, `port "${info.port}" is not a number`);
  if (info.port !== undefined && Number(info.port) > 65535) throw configError(s, `port ${info.port} is out of range`);
  if (info.host !== undefined && info.host.includes(',')) throw configError(s, 'several hosts are not supported');
  return info;
}

const enc = encodeURIComponent;

/** The canonical URI of a connection: sockets in ?host=, IPv6 in brackets. */
export function formatUri(c: ConnInfo): string {
  const auth = c.user !== undefined ? `${enc(c.user)}${c.password !== undefined ? `:${c.password === '****' ? '****' : enc(c.password)}` : ''}@` : '';
  const socket = c.host !== undefined && c.host.startsWith('/');
  const host = c.host === undefined || socket ? '' : c.host.includes(':') ? `[${c.host}]` : c.host;
  const port = c.port !== undefined ? `:${c.port}` : '';
  const query = new URLSearchParams();
  if (socket) query.set('host', c.host!);
  for (const [k, v] of Object.entries(c.params)) query.set(k, v);
  const q = query.toString();
  return `postgresql://${auth}${host}${port}/${c.database !== undefined ? enc(c.database) : ''}${q ? `?${q}` : ''}`;
}

/** The same connection, another database. */
export function withDatabase(s: string, database: string): string {
  return formatUri({ ...parseConnectionString(s), database });
}

/** The database a connection string names (libpq's default: the user name, else postgres). */
export function databaseName(s: string): string {
  const c = parseConnectionString(s);
  return c.database ?? c.user ?? 'postgres';
}

/** host:port for messages (a socket directory as it is). */
export function endpoint(s: string): string {
  try {
    const c = parseConnectionString(s);
    const host = c.host ?? 'localhost';
    return `${host.includes(':') && !host.startsWith('/') ? `[${host}]` : host}:${c.port ?? '5432'}`;
  } catch {
    return '(invalid connection string)';
  }
}
