import {
  type AuditEntry,
  type CommitBatch,
  createIssue,
  GENESIS_HASH,
  isKepuError,
  KepuError,
  type KepuStore,
  type StoreFactory,
  type StoreHead,
  type StoreLoad,
  type StoreRecord,
  type StoreSnapshot,
} from '@kepu/core';
import {
  type AuditRow,
  auditEntryFromRow,
  checkBatch,
  checkBatchFollows,
  encodeJsonColumn,
  netRecordWrites,
  recordFromRow,
  snapshotExists,
  snapshotFromRow,
  storeConflict,
  storeFailure,
} from '@kepu/plugin-sdk';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations.js';

const NAME = 'postgres';
const LATEST_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;
// First key of the advisory lock that serialises migrations ("KEPU"); the second is the schema's hash.
const MIGRATION_LOCK = 0x4b455055;

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
 * A schema migration applied to a PostgreSQL schema, as `kepu_migrations` records it.
 *
 * @example
 * ```ts
 * import type { PostgresAppliedMigration } from '@kepu/store-postgres';
 * const latest = (applied: PostgresAppliedMigration[]) => applied.at(-1)?.version ?? 0;
 * ```
 */
export interface PostgresAppliedMigration {
  readonly version: number;
  readonly name: string;
  /** When it ran (ISO 8601). */
  readonly appliedAt: string;
}

/**
 * What `migrate()` did: the schema version before and after, and the migrations it applied (none
 * when the schema was already current).
 *
 * @example
 * ```ts
 * import type { PostgresMigrationResult } from '@kepu/store-postgres';
 * const changed = (result: PostgresMigrationResult) => result.applied.length > 0;
 * ```
 */
export interface PostgresMigrationResult {
  readonly from: number;
  readonly to: number;
  readonly applied: PostgresAppliedMigration[];
}

/**
 * The PostgreSQL store: an asynchronous {@link KepuStore} with `getRecord`, `load` (one
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
export interface PostgresStore extends KepuStore {
  readonly name: 'postgres';
  /** The PostgreSQL schema holding the tables. */
  readonly schema: string;
  /** The namespace this store reads and writes. */
  readonly namespace: string;
  head(): Promise<StoreHead>;
  commit(batch: CommitBatch): Promise<StoreHead>;
  listRecords(query?: { readonly kind?: string }): Promise<StoreRecord[]>;
  readAudit(query?: { readonly after?: number; readonly limit?: number }): Promise<AuditEntry[]>;
  listSnapshots(query?: { readonly key?: string }): Promise<StoreSnapshot[]>;
  getRecord(kind: string, id: string): Promise<StoreRecord | undefined>;
  /** Head, records, snapshots and the whole log, read in one REPEATABLE READ READ ONLY transaction. */
  load(): Promise<StoreLoad>;
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

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

// Values travel as JSON text both ways. SQL NULL stands for `undefined` (an absent property), the
// JSON text 'null' for null; json columns are read back `::text` so the two stay apart.

function describe(error: unknown): string {
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

function fail(error: unknown): never {
  if (isKepuError(error)) throw error;
  throw storeFailure(NAME, describe(error), error);
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
  const schemaName = options.schema ?? 'kepu';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schemaName)) {
    throw storeFailure(NAME, `"${schemaName}" is not a usable schema name: use letters, digits and underscores`);
  }
  const namespace = options.namespace ?? 'default';
  if (namespace.length === 0) throw storeFailure(NAME, 'the namespace must not be empty');
  if (options.pool === undefined && options.connectionString === undefined) {
    throw storeFailure(NAME, 'give either connectionString or pool');
  }

  const s = quote(schemaName);
  const channel = `kepu.${schemaName}`;
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

  let disposed = false;
  let ready: Promise<void> | undefined;

  const live = () => {
    if (disposed) throw storeFailure(NAME, 'the store has been disposed');
  };

  const appliedMigrations = async (client: pg.Pool | pg.PoolClient): Promise<PostgresAppliedMigration[]> => {
    const exists = await client.query<{ found: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS found`, [
      `${s}.kepu_migrations`,
    ]);
    if (!exists.rows[0]?.found) return [];
    const result = await client.query<{ version: number; name: string; applied_at: Date }>(
      `SELECT version, name, applied_at FROM ${s}.kepu_migrations ORDER BY version`,
    );
    return result.rows.map((row) => ({
      version: Number(row.version),
      name: row.name,
      appliedAt: new Date(row.applied_at).toISOString(),
    }));
  };

  // The schema is checked once, on first use; a failure (server down, schema not migrated) is not
  // remembered, so the next call checks again.
  const ensureReady = (): Promise<void> => {
    live();
    ready ??= (async () => {
      const version = (await appliedMigrations(pool)).at(-1)?.version ?? 0;
      if (version !== LATEST_VERSION) {
        throw storeFailure(
          NAME,
          version > LATEST_VERSION
            ? `schema ${schemaName} is at version ${version}, newer than this @kepu/store-postgres knows (${LATEST_VERSION}); upgrade @kepu/store-postgres`
            : `schema ${schemaName} is at version ${version}, this store needs ${LATEST_VERSION}: run store.migrate() first`,
        );
      }
    })().catch((error) => {
      ready = undefined;
      fail(error);
    });
    return ready;
  };

  const read = async <T>(body: () => Promise<T>): Promise<T> => {
    await ensureReady();
    try {
      return await body();
    } catch (error) {
      fail(error);
    }
  };

  const readHead = async (client: pg.Pool | pg.PoolClient): Promise<StoreHead> => {
    const result = await client.query<{ seq: string; version: string; hash: string }>(
      `SELECT seq, version, hash FROM ${s}.kepu_heads WHERE namespace = $1`,
      [namespace],
    );
    const row = result.rows[0];
    return row
      ? { seq: Number(row.seq), version: Number(row.version), hash: row.hash }
      : { seq: 0, version: 0, hash: GENESIS_HASH };
  };

  const selectRecords = async (client: pg.Pool | pg.PoolClient, kind?: string): Promise<StoreRecord[]> => {
    const result =
      kind === undefined
        ? await client.query(
            `SELECT kind, id, version, data::text AS data FROM ${s}.kepu_records WHERE namespace = $1`,
            [namespace],
          )
        : await client.query(
            `SELECT kind, id, version, data::text AS data FROM ${s}.kepu_records WHERE namespace = $1 AND kind = $2`,
            [namespace, kind],
          );
    return result.rows.map(recordFromRow);
  };

  const selectAudit = async (client: pg.Pool | pg.PoolClient, after: number, limit: number | null) => {
    const result = await client.query<AuditRow>(
      `SELECT seq, version, at, actor::text AS actor, command::text AS command, outcome, error::text AS error,
              patches::text AS patches, prev_hash, hash
       FROM ${s}.kepu_audit WHERE namespace = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [namespace, after, limit],
    );
    return result.rows.map(auditEntryFromRow);
  };

  const selectSnapshots = async (client: pg.Pool | pg.PoolClient, key?: string): Promise<StoreSnapshot[]> => {
    const result =
      key === undefined
        ? await client.query(
            `SELECT key, version, created_at, data::text AS data FROM ${s}.kepu_snapshots
             WHERE namespace = $1 ORDER BY key COLLATE "C", version`,
            [namespace],
          )
        : await client.query(
            `SELECT key, version, created_at, data::text AS data FROM ${s}.kepu_snapshots
             WHERE namespace = $1 AND key = $2 ORDER BY version`,
            [namespace, key],
          );
    return result.rows.map(snapshotFromRow);
  };

  // Checks a client out of the pool, with an error listener for the time it is out: a connection
  // that dies between two queries emits 'error' on the client, which would otherwise crash the host.
  const withClient = async <T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
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
      client.release(broken === undefined ? undefined : (broken as Error));
    }
  };

  // The whole batch is one statement, so it is one transaction and one round trip: the head row
  // is locked only while the statement runs, and a writer queued behind it waits for a
  // millisecond, not for our network. Optimistic concurrency is in its first line: the head row
  // moves only if it is still where the batch expects it (and the batch links to it). A
  // concurrent writer that holds the row makes the UPDATE wait until it commits; PostgreSQL then
  // re-checks the WHERE against the new head, which fails, and every other part of the
  // statement is conditioned on the head having moved, so nothing is written.
  const moveHead = (expectedSeq: number) =>
    expectedSeq === 0
      ? `INSERT INTO ${s}.kepu_heads (namespace, seq, version, hash)
           SELECT $1, $2, $3, $4 WHERE $5::bigint = 0 AND $6 = '${GENESIS_HASH}' AND $7::bigint IN (0, 1)
           ON CONFLICT (namespace) DO NOTHING
           RETURNING 1`
      : `UPDATE ${s}.kepu_heads SET seq = $2, version = $3, hash = $4
           WHERE namespace = $1 AND seq = $5 AND hash = $6 AND $7::bigint - version IN (0, 1)
           RETURNING 1`;

  const writeBatch = async (client: pg.PoolClient, batch: CommitBatch): Promise<boolean> => {
    const first = batch.entries[0] as AuditEntry;
    const last = batch.entries[batch.entries.length - 1] as AuditEntry;
    const entries = batch.entries;
    const { puts, deletes } = netRecordWrites(batch.records ?? []);
    const snapshots = batch.snapshots ?? [];
    const head = { seq: last.seq, version: last.version, hash: last.hash };
    const result = await client.query<{ moved: number }>(
      `WITH head AS (${moveHead(batch.expectedSeq)}),
       audit AS (
         INSERT INTO ${s}.kepu_audit (namespace, seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
         SELECT $1, seq, version, at, actor::json, command::json, outcome, error::json, patches::json, prev_hash, hash
         FROM unnest($8::bigint[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                     $15::text[], $16::text[], $17::text[])
           AS e(seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
         WHERE EXISTS (SELECT 1 FROM head)
       ),
       puts AS (
         INSERT INTO ${s}.kepu_records (namespace, kind, id, version, data)
         SELECT $1, kind, id, version, data::json
         FROM unnest($18::text[], $19::text[], $20::bigint[], $21::text[]) AS r(kind, id, version, data)
         WHERE EXISTS (SELECT 1 FROM head)
         ON CONFLICT (namespace, kind, id) DO UPDATE SET version = excluded.version, data = excluded.data
       ),
       deletes AS (
         DELETE FROM ${s}.kepu_records AS r
         USING unnest($22::text[], $23::text[]) AS d(kind, id)
         WHERE r.namespace = $1 AND r.kind = d.kind AND r.id = d.id AND EXISTS (SELECT 1 FROM head)
       ),
       snapshots AS (
         INSERT INTO ${s}.kepu_snapshots (namespace, key, version, created_at, data)
         SELECT $1, key, version, created_at, data::json
         FROM unnest($24::text[], $25::bigint[], $26::text[], $27::text[]) AS n(key, version, created_at, data)
         WHERE EXISTS (SELECT 1 FROM head)
       )
       SELECT (SELECT count(*) FROM head)::int AS moved,
              (SELECT pg_notify($28, $29) FROM head) AS notified`,
      [
        namespace,
        last.seq,
        last.version,
        last.hash,
        batch.expectedSeq,
        first.prevHash,
        first.version,
        entries.map((e) => e.seq),
        entries.map((e) => e.version),
        entries.map((e) => e.at),
        entries.map((e) => JSON.stringify(e.actor)),
        entries.map((e) => encodeJsonColumn(e.command)),
        entries.map((e) => e.outcome),
        entries.map((e) => encodeJsonColumn(e.error)),
        entries.map((e) => JSON.stringify(e.patches)),
        entries.map((e) => e.prevHash),
        entries.map((e) => e.hash),
        puts.map((r) => r.kind),
        puts.map((r) => r.id),
        puts.map((r) => r.version),
        puts.map((r) => encodeJsonColumn(r.data)),
        deletes.map((d) => d.kind),
        deletes.map((d) => d.id),
        snapshots.map((x) => x.key),
        snapshots.map((x) => x.version),
        snapshots.map((x) => x.createdAt),
        snapshots.map((x) => encodeJsonColumn(x.data)),
        channel,
        JSON.stringify({ namespace, ...head }),
      ],
    );
    return result.rows[0]?.moved === 1;
  };

  // Says why a batch was refused: a stale head (conflict) or a batch that does not link to it.
  const refusal = async (batch: CommitBatch): Promise<never> => {
    const head = await readHead(pool);
    checkBatchFollows(NAME, head, batch);
    // The head was where the batch expected when re-read: a writer that held it rolled back.
    throw storeConflict(NAME, batch.expectedSeq, head.seq);
  };

  // Which of a batch's snapshot versions exists already (after the primary key refused one).
  const existingSnapshot = async (batch: CommitBatch): Promise<KepuError | undefined> => {
    const snapshots = batch.snapshots ?? [];
    const found = await pool.query<{ key: string; version: string }>(
      `SELECT s.key, s.version FROM ${s}.kepu_snapshots AS s
       JOIN unnest($2::text[], $3::bigint[]) AS n(key, version) ON s.key = n.key AND s.version = n.version
       WHERE s.namespace = $1 LIMIT 1`,
      [namespace, snapshots.map((x) => x.key), snapshots.map((x) => x.version)],
    );
    const row = found.rows[0];
    return row ? snapshotExists(row.key, Number(row.version)) : undefined;
  };

  // A connection lost while the batch was in flight leaves the outcome unknown to us: the server
  // may have committed it before the connection dropped. Ask (on a fresh connection) whether the
  // batch's last entry is there before reporting a failure.
  const resolveUnknownCommit = async (batch: CommitBatch, cause: unknown): Promise<StoreHead> => {
    const last = batch.entries[batch.entries.length - 1] as AuditEntry;
    let found: boolean;
    try {
      const result = await pool.query<{ hash: string }>(
        `SELECT hash FROM ${s}.kepu_audit WHERE namespace = $1 AND seq = $2`,
        [namespace, last.seq],
      );
      found = result.rows[0]?.hash === last.hash;
    } catch {
      throw new KepuError(
        [
          createIssue('store-outcome-unknown', [], {
            store: NAME,
            detail: `committing entry ${last.seq}; ${describe(cause)}`,
          }),
        ],
        { cause },
      );
    }
    if (found) return { seq: last.seq, version: last.version, hash: last.hash };
    fail(cause);
  };

  // watch: one connection LISTENs on the schema's channel for as long as anyone watches. When it
  // is dropped (server restart, terminated backend, network), it is released to the pool as
  // broken and a new one is opened after a pause; the head found then is reported, since
  // notifications sent while it was away are lost.
  const listeners = new Set<(head: StoreHead) => void>();
  let listener: { readonly client: pg.PoolClient; close(error?: Error): void } | undefined;
  let listening: Promise<void> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const report = (head: StoreHead) => {
    for (const notify of [...listeners]) {
      try {
        notify(head);
      } catch {
        // A listener's failure is its own.
      }
    }
  };
  const wanted = () => !disposed && listeners.size > 0;
  const scheduleRetry = (delay: number) => {
    if (retry !== undefined || !wanted()) return;
    retry = setTimeout(() => {
      retry = undefined;
      if (!wanted()) return;
      startListening()
        .then(() => readHead(pool))
        .then(report)
        .catch(() => scheduleRetry(1000));
    }, delay);
    retry.unref?.();
  };
  const startListening = (): Promise<void> => {
    if (listener) return Promise.resolve();
    listening ??= (async () => {
      const client = await pool.connect();
      let closed = false;
      const close = (error?: Error) => {
        if (closed) return;
        closed = true;
        client.removeListener('notification', onNotification);
        client.removeListener('error', onLost);
        client.removeListener('end', onEnd);
        if (listener?.client === client) listener = undefined;
        // A connection that failed is destroyed, not handed to the next query.
        client.release(error);
      };
      const onLost = (error: unknown) => {
        close(error instanceof Error ? error : new Error(String(error)));
        scheduleRetry(250);
      };
      const onEnd = () => onLost(new Error('the LISTEN connection ended'));
      const onNotification = (message: pg.Notification) => {
        if (message.channel !== channel || message.payload === undefined) return;
        try {
          const payload = JSON.parse(message.payload) as { namespace: string } & StoreHead;
          if (payload.namespace === namespace) {
            report({ seq: payload.seq, version: payload.version, hash: payload.hash });
          }
        } catch {
          // Not one of ours.
        }
      };
      client.on('error', onLost);
      client.on('end', onEnd);
      client.on('notification', onNotification);
      try {
        await client.query(`LISTEN ${quote(channel)}`);
      } catch (error) {
        close(error instanceof Error ? error : new Error(String(error)));
        throw error;
      }
      listener = { client, close };
    })().finally(() => {
      listening = undefined;
    });
    return listening;
  };
  const stopListening = async () => {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    await listening?.catch(() => {});
    const current = listener;
    if (!current) return;
    try {
      await current.client.query(`UNLISTEN ${quote(channel)}`);
      current.close();
    } catch (error) {
      current.close(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    name: NAME,
    schema: schemaName,
    namespace,
    head() {
      return read(() => readHead(pool));
    },
    async commit(batch) {
      live();
      checkBatch(batch);
      await ensureReady();
      // A failure to connect is certain: nothing was sent.
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        fail(error);
      }
      let broken: Error | undefined;
      const onError = (error: Error) => {
        broken = error;
      };
      client.on('error', onError);
      let moved: boolean;
      try {
        moved = await writeBatch(client, batch);
      } catch (error) {
        const code = (error as { code?: unknown })?.code;
        // A SQL error (a five-character SQLSTATE outside the connection classes) means the
        // statement, and so the batch, was rolled back. Anything else lost the connection with
        // the statement sent: whether the server committed it is unknown until we ask.
        const sqlError = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57)/.test(code);
        if (!sqlError) broken ??= error instanceof Error ? error : new Error(String(error));
        client.removeListener('error', onError);
        client.release(broken);
        const constraint = (error as { constraint?: unknown })?.constraint;
        if (code === '23505' && constraint === 'kepu_snapshots_pkey') {
          throw (await existingSnapshot(batch).catch(() => undefined)) ?? fail(error);
        }
        if (code === '23505') return refusal(batch);
        if (sqlError) fail(error);
        return resolveUnknownCommit(batch, error);
      }
      client.removeListener('error', onError);
      client.release(broken);
      if (!moved) return refusal(batch);
      const last = batch.entries[batch.entries.length - 1] as AuditEntry;
      return { seq: last.seq, version: last.version, hash: last.hash };
    },
    listRecords(query = {}) {
      return read(() => selectRecords(pool, query.kind));
    },
    getRecord(kind, id) {
      return read(async () => {
        const result = await pool.query(
          `SELECT kind, id, version, data::text AS data FROM ${s}.kepu_records WHERE namespace = $1 AND kind = $2 AND id = $3`,
          [namespace, kind, id],
        );
        const row = result.rows[0];
        return row === undefined ? undefined : recordFromRow(row);
      });
    },
    readAudit(query = {}) {
      const after = Math.max(0, Math.floor(query.after ?? 0));
      const limit = query.limit === undefined ? null : Math.max(0, Math.floor(query.limit));
      return read(() => selectAudit(pool, after, limit));
    },
    listSnapshots(query = {}) {
      return read(() => selectSnapshots(pool, query.key));
    },
    load() {
      // One REPEATABLE READ transaction: every query in it sees the snapshot taken by its first,
      // so a commit from another connection is seen whole or not at all.
      return read(() =>
        withClient(async (client) => {
          await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
          try {
            const head = await readHead(client);
            const records = await selectRecords(client);
            const snapshots = await selectSnapshots(client);
            const audit = await selectAudit(client, 0, null);
            await client.query('COMMIT');
            return { head, records, snapshots, audit };
          } catch (error) {
            await client.query('ROLLBACK').catch(() => {});
            throw error;
          }
        }),
      );
    },
    async watch(listener) {
      await ensureReady();
      listeners.add(listener);
      try {
        await startListening();
      } catch (error) {
        listeners.delete(listener);
        fail(error);
      }
      return async () => {
        listeners.delete(listener);
        if (listeners.size === 0) await stopListening();
      };
    },
    async migrate(migrateOptions = {}) {
      live();
      const to = migrateOptions.to ?? LATEST_VERSION;
      try {
        const result = await withClient(async (client) => {
          await client.query('BEGIN');
          try {
            await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schemaName]);
            await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
            await client.query(
              `CREATE TABLE IF NOT EXISTS ${s}.kepu_migrations (
                 version    integer     PRIMARY KEY,
                 name       text        NOT NULL,
                 applied_at timestamptz NOT NULL DEFAULT now()
               )`,
            );
            const before = await appliedMigrations(client);
            const from = before.at(-1)?.version ?? 0;
            if (from > LATEST_VERSION) {
              throw storeFailure(
                NAME,
                `schema ${schemaName} is at version ${from}, newer than this @kepu/store-postgres knows (${LATEST_VERSION}); upgrade @kepu/store-postgres`,
              );
            }
            for (const migration of POSTGRES_MIGRATIONS) {
              if (migration.version <= from || migration.version > to) continue;
              await client.query(migration.sql(s));
              await client.query(`INSERT INTO ${s}.kepu_migrations (version, name) VALUES ($1, $2)`, [
                migration.version,
                migration.name,
              ]);
            }
            const after = await appliedMigrations(client);
            await client.query('COMMIT');
            return {
              from,
              to: after.at(-1)?.version ?? 0,
              applied: after.filter((m) => m.version > from),
            };
          } catch (error) {
            await client.query('ROLLBACK').catch(() => {});
            throw error;
          }
        });
        ready = undefined;
        return result;
      } catch (error) {
        fail(error);
      }
    },
    async migrations() {
      live();
      try {
        return await appliedMigrations(pool);
      } catch (error) {
        fail(error);
      }
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      await stopListening();
      if (ownsPool) await pool.end();
    },
  };
}

createPostgresStore satisfies StoreFactory<PostgresStoreOptions, PostgresStore>;
