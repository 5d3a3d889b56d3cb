import { isKepuError } from '@kepu/core';
import { checkNamespace, storeFailure, toStoreFailure } from '@kepu/core/store';
import pg from 'pg';
import type { PostgresStoreOptions } from '../postgres-store.js';

// The connection side of the PostgreSQL store: the options checked and the pool opened once, the
// names every query uses, and how a driver error becomes the port's error.

export const NAME = 'postgres';

/** Quotes an SQL identifier. */
export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** What every part of the store needs to reach its rows. */
export interface PostgresConnection {
  readonly pool: pg.Pool;
  /** Whether the store opened the pool (and so ends it on dispose). */
  readonly ownsPool: boolean;
  /** The schema's name, as given. */
  readonly schemaName: string;
  /** The schema's name, quoted for SQL. */
  readonly s: string;
  readonly namespace: string;
  /** The LISTEN/NOTIFY channel of the schema: every namespace's commits are announced on it. */
  readonly channel: string;
}

/**
 * Checks the options and opens the pool (no connection yet: `pg` connects on first query).
 * Bad options are a `store-failure` at once, not at the first query.
 */
export function connect(options: PostgresStoreOptions): PostgresConnection {
  const schemaName = options.schema ?? 'kepu';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schemaName)) {
    throw storeFailure(NAME, `"${schemaName}" is not a usable schema name: use letters, digits and underscores`);
  }
  // Refused, not trimmed: `zhengning ` must not silently open a second, empty county.
  const namespace = checkNamespace(options.namespace ?? 'default');
  if (options.pool === undefined && options.connectionString === undefined) {
    throw storeFailure(NAME, 'give either connectionString or pool');
  }
  const ownsPool = options.pool === undefined;
  const pool =
    options.pool ??
    new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
    });
  // An idle connection that the server drops (restart, pg_terminate_backend) is reported here;
  // the pool discards it and the next query opens a fresh one. Without a listener it would crash
  // the host process.
  if (ownsPool) pool.on('error', () => {});
  return { pool, ownsPool, schemaName, s: quote(schemaName), namespace, channel: `kepu.${schemaName}` };
}

/** A `pg` error in words a host can show. */
export function describe(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EPIPE') {
    return `the database server cannot be reached (${code})`;
  }
  if (code === '57P01' || code === '57P02' || code === '57P03') {
    return 'the database server closed the connection (shut down or terminated)';
  }
  if (code === '3D000') return 'the database does not exist';
  if (code === '28P01' || code === '28000') return 'the database refused the credentials';
  const message = error instanceof Error ? error.message : String(error);
  return /terminated|timeout|Connection/i.test(message) ? `the connection to the database failed: ${message}` : message;
}

/** Throws `error` as the port's error: a KepuError unchanged, anything else a `store-failure`. */
export function fail(error: unknown): never {
  throw toStoreFailure(NAME, error, describe);
}

/** `error` as an Error, for `client.release(error)`, which destroys a connection given one. */
export const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));

/**
 * Checks a client out of the pool for `body`, with an error listener for the time it is out: a
 * connection that dies between two queries emits 'error' on the client, which would otherwise
 * crash the host. A client that failed is destroyed, not handed to the next query.
 */
export async function withClient<T>(pool: pg.Pool, body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    fail(error);
  }
  let broken: unknown;
  const onError = (error: unknown) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    return await body(client);
  } catch (error) {
    if (!isKepuError(error)) broken ??= error;
    throw error;
  } finally {
    client.removeListener('error', onError);
    letGo(client, broken === undefined ? undefined : asError(broken));
  }
}

/**
 * Hands a client back to the pool, or destroys it when it failed. A destroyed client may still
 * emit the server's last words (a FATAL on termination) after our listener is gone: an `error`
 * event with no listener would crash the process, so it keeps a silent one to its end.
 */
export function letGo(client: pg.PoolClient, broken?: Error): void {
  if (broken !== undefined) client.on('error', () => {});
  client.release(broken);
}

/** Runs `body` in one transaction on one client: COMMIT when it returns, ROLLBACK when it throws. */
export function inTransaction<T>(
  pool: pg.Pool,
  begin: string,
  body: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query(begin);
    try {
      const result = await body(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}
