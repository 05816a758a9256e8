/**
 * Scratch databases: created on a server for one comparison and always dropped.
 * Never on production.
 */
import { randomBytes } from 'node:crypto';
import { connect, withClient, withDatabase, endpoint } from '../util/db.js';
import { ident } from '../sql/quote.js';
import { onCleanup } from './cleanup.js';
import { isControlled } from './controlled.js';
import { createLoaderRole, dropLoaderRole, type LoaderRole } from './loader-role.js';

export interface ScratchDb {
  /** The database, as the server's given (admin) role. */
  readonly url: string;
  readonly name: string;
  /** On a server fas controls: the role without superuser that loads schema files, owner of the database. */
  readonly loader?: LoaderRole;
  drop(): Promise<void>;
}

/** `forLoading`: schema files will be loaded into it (on a server fas controls, by a loader role made for it). */
export async function createScratchDb(serverUrl: string, opts: { forLoading?: boolean } = {}): Promise<ScratchDb> {
  const name = `fas_scratch_${randomBytes(6).toString('hex')}`;
  const controlled = opts.forLoading === true && isControlled(serverUrl);
  // registered before CREATE ROLE / DATABASE is sent: an interrupt while they run waits for them, then drops
  const creating = (async () => {
    const loader = controlled ? await createLoaderRole(serverUrl, name, name) : undefined;
    const owner = loader ? ` OWNER ${ident(loader.role)}` : '';
    await withClient(serverUrl, { applicationName: 'fas scratch' }, (c) => c.query(`CREATE DATABASE ${ident(name)}${owner} TEMPLATE template0`));
    return loader;
  })();
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    unregister();
    await creating.catch(() => undefined);
    await withClient(serverUrl, { applicationName: 'fas scratch' }, (c) => c.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`)).catch(() => undefined);
    if (controlled) await dropLoaderRole(serverUrl, name).catch(() => undefined);
  };
  const unregister = onCleanup(drop);
  let loader: LoaderRole | undefined;
  try {
    loader = await creating;
  } catch (e) {
    await drop(); // the role may exist without its database
    throw e;
  }
  return { url: withDatabase(serverUrl, name), name, ...(loader && { loader }), drop };
}

/** Whether the role of this URL may create databases on its server. */
export async function canCreateDatabases(url: string): Promise<boolean> {
  try {
    return await withClient(url, { applicationName: 'fas', connectTimeoutMs: 5000 }, async (c) => {
      const r = await c.query<{ ok: boolean }>('SELECT rolcreatedb OR rolsuper AS ok FROM pg_roles WHERE rolname = current_user');
      return r.rows[0]?.ok === true;
    });
  } catch {
    return false;
  }
}

export async function serverVersion(url: string): Promise<number> {
  return withClient(url, { applicationName: 'fas', connectTimeoutMs: 10000 }, async (c) => {
    const r = await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Number(r.rows[0]!.v);
  });
}

export { connect, endpoint };
