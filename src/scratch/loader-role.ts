/**
 * The role that loads schema files on a server fas controls: one per scratch
 * database, named like it, with LOGIN and nothing else (no SUPERUSER,
 * CREATEDB, CREATEROLE, REPLICATION, BYPASSRLS, no membership). It owns the
 * scratch database, so it may create schemas and objects there and nothing
 * elsewhere: a schema file's function that a partition bound or a column
 * default calls while loading runs with these rights, not a superuser's.
 * Dropped with its database.
 */
import { randomBytes } from 'node:crypto';
import { formatUri, parseConnectionString } from '../util/conninfo.js';
import { withClient } from '../util/db.js';
import { ident, literal } from '../sql/quote.js';

export interface LoaderRole {
  readonly role: string;
  /** The scratch database, connected as the loader role. */
  readonly url: string;
}

/** Create the loader role on the server of `adminUrl` (a superuser's URL). */
export async function createLoaderRole(adminUrl: string, name: string, database: string): Promise<LoaderRole> {
  const password = randomBytes(18).toString('base64url');
  await withClient(adminUrl, { applicationName: 'fas scratch' }, (c) =>
    c.query(`CREATE ROLE ${ident(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`),
  );
  return { role: name, url: formatUri({ ...parseConnectionString(adminUrl), user: name, password, database }) };
}

/** Drop the loader role (its database is dropped first, so it owns nothing). */
export async function dropLoaderRole(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, { applicationName: 'fas scratch' }, (c) => c.query(`DROP ROLE IF EXISTS ${ident(name)}`));
}
