import type { CommitBatch, StoreFactory, StoreHead, StoreLoad } from '@kepu/core';
import {
  type AuditRow,
  auditEntryFromRow,
  auditRowFromEntry,
  auditWindow,
  checkBatch,
  checkBatchFollows,
  encodeJsonColumn,
  headOf,
  netRecordWrites,
  notifyWatchers,
  recordFromRow,
  type SyncStore,
  snapshotExists,
  snapshotFromRow,
  storeDisposed,
  storeFailure,
} from '@kepu/core/store';
import { guard, NAME, open } from './internal/connection.js';
import { type AppliedRow, appliedMigrations, LATEST_VERSION, runMigrations, schemaVersion } from './internal/schema.js';
import type { AppliedMigration } from './migrate-sqlite.js';

// Values travel as JSON text, as they would through any database: SQL NULL stands for
// `undefined` (an absent property), the text 'null' for JSON null.

/**
 * Options of {@link createSqliteStore}.
 *
 * @example
 * ```ts
 * import { createSqliteStore, type SqliteStoreOptions } from '@kepu/store-sqlite';
 * const options: SqliteStoreOptions = { filename: 'zhengning.kepu.db', synchronous: 'normal' };
 * createSqliteStore(options).dispose();
 * ```
 */
export interface SqliteStoreOptions {
  /** Path of the database file, created when missing. `':memory:'` gives a throwaway database. */
  readonly filename: string;
  /**
   * Apply pending schema migrations when the store opens. With `false`, a database that is not at
   * the latest schema version is refused with `store-failure`; migrate it with {@link migrateSqlite}.
   * @default true
   */
  readonly migrate?: boolean;
  /**
   * How long a write waits for another process's lock on the file before failing, in ms.
   * @default 5000
   */
  readonly busyTimeout?: number;
  /**
   * SQLite's `synchronous` setting. `'full'` syncs the WAL on every commit, so a committed batch
   * survives a power cut; `'normal'` survives a crash of the process but may lose the last
   * commits on power loss, and commits faster.
   * @default 'full'
   */
  readonly synchronous?: 'full' | 'normal';
  /**
   * How often `watch` looks for commits made through other connections to the file, in ms.
   * Commits through this store are reported at once.
   * @default 250
   */
  readonly watchInterval?: number;
}

/**
 * The SQLite store: a `SyncStore` (a `KepuStore` whose methods all return at once: better-sqlite3 is
 * synchronous), with `getRecord`, `load`, `watch`, `dispose`, and the database's applied migrations.
 *
 * @example
 * ```ts
 * import { createSqliteStore, type SqliteStore } from '@kepu/store-sqlite';
 * const store: SqliteStore = createSqliteStore({ filename: ':memory:' });
 * store.head().seq; // 0
 * store.dispose();
 * ```
 */
export interface SqliteStore extends SyncStore<'getRecord' | 'load' | 'watch' | 'dispose'> {
  readonly name: 'sqlite';
  /** The database file this store opened. */
  readonly filename: string;
  /** The schema migrations applied to this database, oldest first. */
  migrations(): AppliedMigration[];
}

/**
 * Creates the SQLite store on a database file: Kepu's embedded default for Node hosts and the
 * `kepu` CLI. The file runs in WAL mode (readers never wait for the writer); every commit is one
 * IMMEDIATE transaction that checks the expected head and writes the audit entries, records,
 * snapshots and new head together, so a crash leaves each batch whole or absent. Several
 * processes may open the same file: writers queue for up to `busyTimeout`, and a stale writer
 * gets `store-conflict`. Pending schema migrations run on open.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * import { createSqliteStore } from '@kepu/store-sqlite';
 * const store = createSqliteStore({ filename: 'zhengning.kepu.db' });
 * const engine = await createEngine({ plans: [zhengningPlan], store });
 * ```
 */
export function createSqliteStore(options: SqliteStoreOptions): SqliteStore {
  const { filename, migrate = true, busyTimeout = 5000, synchronous = 'full', watchInterval = 250 } = options;
  const db = guard(() => {
    const db = open(filename, busyTimeout);
    try {
      db.pragma(`synchronous = ${synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      if (migrate) runMigrations(db, LATEST_VERSION, () => new Date().toISOString());
      const version = schemaVersion(db);
      if (version !== LATEST_VERSION) {
        throw storeFailure(
          NAME,
          `the database is at schema version ${version}, this store needs ${LATEST_VERSION}; open it with migrate: true or run migrateSqlite()`,
        );
      }
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });

  const sql = {
    head: db.prepare<[], { seq: number; version: number; hash: string }>(
      'SELECT seq, version, hash FROM kepu_head WHERE id = 1',
    ),
    setHead: db.prepare('UPDATE kepu_head SET seq = ?, version = ?, hash = ? WHERE id = 1'),
    insertAudit: db.prepare(
      `INSERT INTO kepu_audit (seq, version, at, actor, command, outcome, error, patches, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    putRecord: db.prepare(
      `INSERT INTO kepu_records (kind, id, version, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, data = excluded.data`,
    ),
    deleteRecord: db.prepare('DELETE FROM kepu_records WHERE kind = ? AND id = ?'),
    snapshotExists: db.prepare('SELECT 1 FROM kepu_snapshots WHERE key = ? AND version = ?').pluck(),
    insertSnapshot: db.prepare('INSERT INTO kepu_snapshots (key, version, created_at, data) VALUES (?, ?, ?, ?)'),
    allRecords: db.prepare('SELECT kind, id, version, data FROM kepu_records'),
    recordsOfKind: db.prepare('SELECT kind, id, version, data FROM kepu_records WHERE kind = ?'),
    record: db.prepare('SELECT kind, id, version, data FROM kepu_records WHERE kind = ? AND id = ?'),
    audit: db.prepare('SELECT * FROM kepu_audit WHERE seq > ? ORDER BY seq LIMIT ?'),
    allSnapshots: db.prepare('SELECT key, version, created_at, data FROM kepu_snapshots ORDER BY key, version'),
    snapshotsOfKey: db.prepare(
      'SELECT key, version, created_at, data FROM kepu_snapshots WHERE key = ? ORDER BY key, version',
    ),
    dataVersion: db.prepare('PRAGMA data_version').pluck(),
  };

  const readHead = (): StoreHead => headOf(sql.head.get());

  const write = db.transaction((batch: CommitBatch): StoreHead => {
    checkBatchFollows(NAME, readHead(), batch);
    for (const snapshot of batch.snapshots ?? []) {
      if (sql.snapshotExists.get(snapshot.key, snapshot.version) !== undefined) {
        throw snapshotExists(snapshot.key, snapshot.version);
      }
    }
    for (const entry of batch.entries) {
      // Positional parameters: binding by name costs measurably more on a 10,000-entry batch.
      const r = auditRowFromEntry(entry);
      sql.insertAudit.run(
        r.seq,
        r.version,
        r.at,
        r.actor,
        r.command,
        r.outcome,
        r.error,
        r.patches,
        r.prev_hash,
        r.hash,
      );
    }
    const { puts, deletes } = netRecordWrites(batch.records ?? []);
    for (const record of puts) sql.putRecord.run(record.kind, record.id, record.version, encodeJsonColumn(record.data));
    for (const key of deletes) sql.deleteRecord.run(key.kind, key.id);
    for (const snapshot of batch.snapshots ?? []) {
      sql.insertSnapshot.run(snapshot.key, snapshot.version, snapshot.createdAt, encodeJsonColumn(snapshot.data));
    }
    const head = headOf(batch.entries.at(-1));
    sql.setHead.run(head.seq, head.version, head.hash);
    return head;
  });

  // One read transaction (DEFERRED: its first SELECT takes the WAL read snapshot that every later
  // read in it sees), so another connection's commit cannot land between the reads.
  const readAll = db.transaction(
    (): StoreLoad => ({
      head: readHead(),
      records: sql.allRecords.all().map((row) => recordFromRow(row as Parameters<typeof recordFromRow>[0])),
      snapshots: sql.allSnapshots.all().map((row) => snapshotFromRow(row as Parameters<typeof snapshotFromRow>[0])),
      audit: (sql.audit.all(0, -1) as AuditRow[]).map(auditEntryFromRow),
    }),
  );

  // watch: commits through this handle are reported at once; commits through other connections
  // (other processes) are found by polling PRAGMA data_version, which changes exactly when another
  // connection has committed.
  const listeners = new Set<(head: StoreHead) => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let seenDataVersion = 0;
  let lastReported = -1;
  let disposed = false;
  const report = (head: StoreHead) => {
    if (head.seq === lastReported) return;
    lastReported = head.seq;
    notifyWatchers(listeners, head);
  };
  const poll = () => {
    if (disposed) return;
    try {
      const current = sql.dataVersion.get() as number;
      if (current === seenDataVersion) return;
      seenDataVersion = current;
      report(readHead());
    } catch {
      // The file is busy or gone for a moment; the next tick tries again.
    }
  };

  const live = () => {
    if (disposed) throw storeDisposed(NAME);
  };

  return {
    name: NAME,
    filename,
    head() {
      live();
      return guard(readHead);
    },
    commit(batch) {
      live();
      checkBatch(batch);
      const head = guard(() => write.immediate(batch));
      if (listeners.size > 0) {
        seenDataVersion = sql.dataVersion.get() as number;
        report(head);
      }
      return head;
    },
    listRecords(query = {}) {
      live();
      return guard(() =>
        (query.kind === undefined ? sql.allRecords.all() : sql.recordsOfKind.all(query.kind)).map((row) =>
          recordFromRow(row as Parameters<typeof recordFromRow>[0]),
        ),
      );
    },
    getRecord(kind, id) {
      live();
      return guard(() => {
        const row = sql.record.get(kind, id) as Parameters<typeof recordFromRow>[0] | undefined;
        return row === undefined ? undefined : recordFromRow(row);
      });
    },
    readAudit(query = {}) {
      live();
      const { after, limit } = auditWindow(query);
      // LIMIT -1 is SQLite's "no limit".
      return guard(() => (sql.audit.all(after, limit ?? -1) as AuditRow[]).map(auditEntryFromRow));
    },
    listSnapshots(query = {}) {
      live();
      return guard(() =>
        (query.key === undefined ? sql.allSnapshots.all() : sql.snapshotsOfKey.all(query.key)).map((row) =>
          snapshotFromRow(row as Parameters<typeof snapshotFromRow>[0]),
        ),
      );
    },
    load() {
      live();
      return guard(() => readAll.deferred());
    },
    watch(listener) {
      live();
      listeners.add(listener);
      if (timer === undefined) {
        seenDataVersion = sql.dataVersion.get() as number;
        lastReported = readHead().seq;
        timer = setInterval(poll, watchInterval);
        timer.unref?.();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    migrations() {
      live();
      return guard(() => appliedMigrations(db)).map((row: AppliedRow) => ({ ...row }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (timer !== undefined) clearInterval(timer);
      listeners.clear();
      db.close();
    },
  };
}

createSqliteStore satisfies StoreFactory<SqliteStoreOptions, SqliteStore>;
