import type { StoreFactory, StoreHead } from '@kepu/core';
import { type AsyncStore, auditWindow, checkBatch, storeDisposed } from '@kepu/core/store';
import type pg from 'pg';
import { commitBatch } from './internal/commit.js';
import { connect, fail, NAME } from './internal/connection.js';
import { loadAll, readHead, selectAudit, selectRecord, selectRecords, selectSnapshots } from './internal/reads.js';
import { appliedMigrations, LATEST_VERSION, migrate, schemaGate } from './internal/schema.js';
import { createPostgresWatch } from './internal/watch.js';
import type { PostgresAppliedMigration, PostgresMigrationResult } from './migrations.js';

// The store is assembled here from parts named after what they do: internal/connection (options,
// pool, errors), internal/schema (version check, migrate), internal/reads, internal/commit (one
// statement per batch) and internal/watch (LISTEN/NOTIFY).

/**
 * Options of {@link createPostgresStore}. Give `connectionString` (the store opens and closes its
 * own pool) or `pool` (yours: the store never ends it).
 *
 * @example
 * ```ts
 * import { createPostgresStore, type PostgresStoreOptions } from '@kepu/store-postgres';
 * const options: PostgresStoreOptions = {
 *   connectionString: 'postgres://kepu@db.example/kepu',
 *   namespace: 'zhengning-2022-2025',
 * };
 * const store = createPostgresStore(options);
 * ```
 */
export interface PostgresStoreOptions {
  /** A `postgres://` URL. Ignored when `pool` is given. */
  readonly connectionString?: string;
  /** A `pg` pool to use instead of opening one. The store does not end it on `dispose()`. */
  readonly pool?: pg.Pool;
  /**
   * The PostgreSQL schema that holds Kepu's tables; created by `migrate()` when missing.
   * Letters, digits and underscores, starting with a letter or underscore.
   * @default 'kepu'
   */
  readonly schema?: string;
  /**
   * Whose data this store reads and writes: one county's, one plan's. Every row is keyed by it,
   * so many namespaces share the schema without seeing each other; each has its own audit log.
   * 1–128 lowercase letters, digits, caseless letters (Chinese), `.`, `_`, `-`, `:`, starting with
   * a letter or digit (`NAMESPACE_PATTERN` of `@kepu/core/store`); anything else — a trailing
   * space, a capital, a control character — is refused with `invalid-namespace`, never trimmed.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * Connections in the pool the store opens.
   * @default 10
   */
  readonly max?: number;
  /**
   * How long to wait for a connection before failing with `store-failure`, in ms.
   * @default 10000
   */
  readonly connectionTimeoutMillis?: number;
}

/**
 * The PostgreSQL store: an `AsyncStore` (a `KepuStore` whose methods return promises) with `getRecord`, `load` (one
 * REPEATABLE READ transaction), `watch` (LISTEN/NOTIFY, across processes), `dispose`, and its
 * schema migrations. A commit whose connection is lost before the server's answer arrives, and
 * whose outcome cannot be checked, fails with `store-outcome-unknown`.
 *
 * @example
 * ```ts
 * import { createPostgresStore, type PostgresStore } from '@kepu/store-postgres';
 * const store: PostgresStore = createPostgresStore({ connectionString: process.env.DATABASE_URL });
 * await store.migrate();
 * (await store.head()).seq;
 * await store.dispose();
 * ```
 */
export interface PostgresStore extends AsyncStore<'getRecord' | 'load' | 'watch' | 'dispose'> {
  readonly name: 'postgres';
  /** The PostgreSQL schema holding the tables. */
  readonly schema: string;
  /** The namespace this store reads and writes. */
  readonly namespace: string;
  watch(listener: (head: StoreHead) => void): Promise<() => Promise<void>>;
  /**
   * Applies the missing schema migrations (all, or up to `to`) to the schema, for every namespace
   * in it. Idempotent, and safe when several servers run it at once.
   */
  migrate(options?: { readonly to?: number }): Promise<PostgresMigrationResult>;
  /** The schema migrations applied so far, oldest first. */
  migrations(): Promise<PostgresAppliedMigration[]>;
  /** Stops watching and, when the store opened the pool, closes it. Idempotent. */
  dispose(): Promise<void>;
}

/**
 * Creates the PostgreSQL store: one namespace (a county's or a plan's data) in a schema that many
 * namespaces, and many application servers, share. Every commit is one transaction that first
 * moves the namespace's head row with `UPDATE … WHERE seq = <expectedSeq>` — so a stale writer
 * gets `store-conflict` and writes nothing, whichever server it runs on — then appends the
 * audit entries, records and snapshots in bulk, and notifies watchers on commit.
 *
 * Creating the store opens no connection. Run `await store.migrate()` once (at deploy or start):
 * until the schema is current, every method fails with `store-failure` saying so.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * import { createPostgresStore } from '@kepu/store-postgres';
 * const store = createPostgresStore({ connectionString: process.env.DATABASE_URL, namespace: 'zhengning' });
 * await store.migrate();
 * const engine = await createEngine({ plans: [zhengningPlan], store });
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  const conn = connect(options);
  const schema = schemaGate(conn);
  const watchers = createPostgresWatch(conn);
  let disposed = false;

  const live = () => {
    if (disposed) throw storeDisposed(NAME);
  };
  const ready = () => {
    live();
    return schema.ready();
  };
  // Every read: the schema checked first, any driver error as the port's error.
  const read = async <T>(body: () => Promise<T>): Promise<T> => {
    await ready();
    try {
      return await body();
    } catch (error) {
      fail(error);
    }
  };

  return {
    name: NAME,
    schema: conn.schemaName,
    namespace: conn.namespace,
    head() {
      return read(() => readHead(conn));
    },
    async commit(batch) {
      live();
      checkBatch(batch);
      await ready();
      return commitBatch(conn, batch);
    },
    listRecords(query = {}) {
      return read(() => selectRecords(conn, query.kind));
    },
    getRecord(kind, id) {
      return read(() => selectRecord(conn, kind, id));
    },
    readAudit(query = {}) {
      const { after, limit } = auditWindow(query);
      return read(() => selectAudit(conn, after, limit));
    },
    listSnapshots(query = {}) {
      return read(() => selectSnapshots(conn, query.key));
    },
    load() {
      return read(() => loadAll(conn));
    },
    async watch(listener) {
      await ready();
      try {
        await watchers.add(listener);
      } catch (error) {
        fail(error);
      }
      return () => watchers.remove(listener);
    },
    async migrate(migrateOptions = {}) {
      live();
      try {
        const result = await migrate(conn, migrateOptions.to ?? LATEST_VERSION);
        schema.reset();
        return result;
      } catch (error) {
        fail(error);
      }
    },
    async migrations() {
      live();
      try {
        return await appliedMigrations(conn);
      } catch (error) {
        fail(error);
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await watchers.close();
      if (conn.ownsPool) await conn.pool.end();
    },
  };
}

createPostgresStore satisfies StoreFactory<PostgresStoreOptions, PostgresStore>;
