/// <reference lib="dom" />

import type { AuditEntry, StoreFactory, StoreHead, StoreRecord, StoreSnapshot } from '@kepu/core';
import {
  type AsyncStore,
  auditWindow,
  checkBatch,
  checkBatchFollows,
  headOf,
  netRecordWrites,
  notifyWatchers,
  snapshotExists,
  storeDisposed,
  storeFailure,
  toStoreFailure,
} from '@kepu/core/store';

const NAME = 'indexeddb';

/** The schema version of the IndexedDB database this adapter creates. */
const DB_VERSION = 1;

const AUDIT = 'audit';
const RECORDS = 'records';
const SNAPSHOTS = 'snapshots';
const META = 'meta';
const HEAD_KEY = 'head';

/**
 * Options of {@link createIndexedDbStore}.
 *
 * @example
 * ```ts
 * import { createIndexedDbStore, type IndexedDbStoreOptions } from '@kepu/store-indexeddb';
 * const options: IndexedDbStoreOptions = { database: 'kepu-zhengning' };
 * const store = createIndexedDbStore(options);
 * ```
 */
export interface IndexedDbStoreOptions {
  /**
   * Name of the IndexedDB database. One database holds one engine's data (any number of plans);
   * give each independent data set its own name.
   * @default 'kepu'
   */
  readonly database?: string;
  /**
   * The IndexedDB implementation to use: pass one in Node (`fake-indexeddb`) or in a worker that
   * has its own.
   * @default globalThis.indexedDB
   */
  readonly indexedDB?: IDBFactory;
  /**
   * Tell other tabs of the same origin about commits (over a `BroadcastChannel` named after the
   * database), so that `watch` reports them and their engines catch up without a reload.
   * @default true where BroadcastChannel exists
   */
  readonly broadcast?: boolean;
}

/**
 * The IndexedDB store: an `AsyncStore` (a `KepuStore` whose methods return promises), with `getRecord`,
 * `load` (one readonly transaction over all object stores), `watch` and `dispose`.
 *
 * @example
 * ```ts
 * import { createIndexedDbStore, type IndexedDbStore } from '@kepu/store-indexeddb';
 * const store: IndexedDbStore = createIndexedDbStore({ database: 'kepu-demo' });
 * (await store.head()).seq; // 0 on a new database
 * ```
 */
export interface IndexedDbStore extends AsyncStore<'getRecord' | 'load' | 'watch' | 'dispose'> {
  readonly name: 'indexeddb';
  /** The name of the IndexedDB database. */
  readonly database: string;
  /** Unwatching is at once: the channel to other tabs closes synchronously. */
  watch(listener: (head: StoreHead) => void): () => void;
  /** Closes the database connection. Idempotent. */
  dispose(): void;
}

// Values travel as JSON, as through every other adapter: IndexedDB's structured clone would keep
// `undefined` properties, -0 and Dates that a SQL store turns into something else, and the audit
// chain's hashes are taken over JSON.
function json<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function describe(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return "the browser's storage quota for this site is full";
  if (name === 'VersionError') return 'the database was created by a newer version of this adapter';
  if (name === 'InvalidStateError') return 'the database connection is closed (another tab may have upgraded it)';
  if (name === 'UnknownError') return 'the browser could not open its storage (private mode, or storage disabled)';
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

const failure = (error: unknown) => toStoreFailure(NAME, error, describe);

interface StoredHead {
  readonly key: typeof HEAD_KEY;
  readonly seq: number;
  readonly version: number;
  readonly hash: string;
}

const toHead = (row: StoredHead | undefined): StoreHead => headOf(row);

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = factory.open(name, DB_VERSION);
    req.onupgradeneeded = (event) => {
      const db = req.result;
      // Version 1: the whole schema. Later versions add steps here, each guarded by oldVersion.
      if (event.oldVersion < 1) {
        db.createObjectStore(AUDIT, { keyPath: 'seq' });
        const records = db.createObjectStore(RECORDS, { keyPath: ['kind', 'id'] });
        records.createIndex('kind', 'kind');
        const snapshots = db.createObjectStore(SNAPSHOTS, { keyPath: ['key', 'version'] });
        snapshots.createIndex('key', 'key');
        db.createObjectStore(META, { keyPath: 'key' });
      }
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => {
      // Another tab holds an older version open; it closes on `versionchange` (see below).
    };
  });
}

/**
 * Creates a store on an IndexedDB database, for engines that run in the browser: reports, the
 * audit trail and scorecards survive reloads and are shared by the tabs of one origin. Every
 * commit is one IndexedDB `readwrite` transaction over all of the store's object stores that
 * checks the expected head and writes the audit entries, records, snapshots and the new head
 * together, so a batch is whole or absent even if the tab is closed mid-write; two tabs
 * committing at once are serialised by IndexedDB, and the stale one gets `store-conflict`.
 *
 * The database opens on first use; an open failure (storage disabled, quota) surfaces as
 * `store-failure` from the first call.
 *
 * @example
 * ```ts
 * import { createEngine } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * import { createIndexedDbStore } from '@kepu/store-indexeddb';
 * const store = createIndexedDbStore({ database: 'kepu-zhengning' });
 * const engine = await createEngine({ plans: [zhengningPlan], store });
 * ```
 */
export function createIndexedDbStore(options: IndexedDbStoreOptions = {}): IndexedDbStore {
  const database = options.database ?? 'kepu';
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  let disposed = false;
  let opened: Promise<IDBDatabase> | undefined;

  const db = (): Promise<IDBDatabase> => {
    if (disposed) return Promise.reject(storeDisposed(NAME));
    if (!factory) {
      return Promise.reject(
        storeFailure(NAME, 'IndexedDB is not available here; pass an implementation in options.indexedDB'),
      );
    }
    if (!opened) {
      opened = openDatabase(factory, database).then((connection) => {
        // Let a newer version in another tab upgrade: close, and reopen on the next call.
        connection.onversionchange = () => {
          connection.close();
          opened = undefined;
        };
        if (disposed) connection.close();
        return connection;
      });
      opened.catch(() => {
        opened = undefined;
      });
    }
    return opened;
  };

  /** Runs `body` in a transaction and resolves once the transaction has completed. */
  const transact = async <T>(
    stores: string[],
    mode: IDBTransactionMode,
    body: (tx: IDBTransaction) => Promise<T>,
  ): Promise<T> => {
    try {
      const connection = await db();
      const tx = connection.transaction(stores, mode);
      const done = new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
        tx.onerror = () => reject(tx.error);
      });
      let result: T;
      try {
        result = await body(tx);
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already finished or aborted.
        }
        await done.catch(() => undefined);
        throw error;
      }
      await done;
      return result;
    } catch (error) {
      throw failure(error);
    }
  };

  const listeners = new Set<(head: StoreHead) => void>();
  let lastReported = -1;
  const report = (head: StoreHead) => {
    if (head.seq === lastReported) return;
    lastReported = head.seq;
    notifyWatchers(listeners, head);
  };
  const canBroadcast = typeof BroadcastChannel === 'function' && (options.broadcast ?? true);
  let channel: BroadcastChannel | undefined;
  const openChannel = () => {
    if (!canBroadcast || channel || disposed) return;
    channel = new BroadcastChannel(`kepu-store:${database}`);
    channel.onmessage = (event: MessageEvent) => {
      const head = event.data as StoreHead | undefined;
      if (head && typeof head.seq === 'number') report(head);
    };
  };
  // Posting is what other tabs' watchers need; the channel is opened lazily, so a store nobody
  // watches and that never commits holds no channel (Node keeps a process alive for one).
  const announce = (head: StoreHead) => {
    if (!canBroadcast) return;
    const out = new BroadcastChannel(`kepu-store:${database}`);
    out.postMessage(head);
    out.close();
  };

  return {
    name: NAME,
    database,
    async head() {
      return transact([META], 'readonly', async (tx) =>
        toHead(await request<StoredHead | undefined>(tx.objectStore(META).get(HEAD_KEY))),
      );
    },
    async commit(batch) {
      if (disposed) throw storeDisposed(NAME);
      checkBatch(batch);
      const entries = json(batch.entries);
      const { puts, deletes } = netRecordWrites(json(batch.records ?? []));
      const snapshots = json(batch.snapshots ?? []);
      const head = await transact([AUDIT, RECORDS, SNAPSHOTS, META], 'readwrite', async (tx) => {
        const meta = tx.objectStore(META);
        const current = toHead(await request<StoredHead | undefined>(meta.get(HEAD_KEY)));
        checkBatchFollows(NAME, current, batch);
        const snapshotStore = tx.objectStore(SNAPSHOTS);
        const existing = await Promise.all(snapshots.map((s) => request(snapshotStore.count([s.key, s.version]))));
        existing.forEach((count, i) => {
          const s = snapshots[i] as StoreSnapshot;
          if (count > 0) throw snapshotExists(s.key, s.version);
        });
        const audit = tx.objectStore(AUDIT);
        for (const entry of entries) audit.add(entry);
        const records = tx.objectStore(RECORDS);
        for (const record of puts) records.put(record);
        for (const key of deletes) records.delete([key.kind, key.id]);
        for (const snapshot of snapshots) snapshotStore.add(snapshot);
        const last = entries[entries.length - 1] as AuditEntry;
        const next: StoredHead = { key: HEAD_KEY, seq: last.seq, version: last.version, hash: last.hash };
        meta.put(next);
        return toHead(next);
      });
      report(head);
      announce(head);
      return head;
    },
    async listRecords(query = {}) {
      return transact([RECORDS], 'readonly', async (tx) => {
        const store = tx.objectStore(RECORDS);
        const rows = await request<StoreRecord[]>(
          query.kind === undefined ? store.getAll() : store.index('kind').getAll(query.kind),
        );
        return rows;
      });
    },
    async getRecord(kind, id) {
      return transact([RECORDS], 'readonly', async (tx) =>
        request<StoreRecord | undefined>(tx.objectStore(RECORDS).get([kind, id])),
      );
    },
    async readAudit(query = {}) {
      const { after, limit } = auditWindow(query);
      // getAll's count of 0 means "no limit" in IndexedDB; a limit of 0 means nothing here.
      if (limit === 0) return [];
      return transact([AUDIT], 'readonly', async (tx) =>
        request<AuditEntry[]>(tx.objectStore(AUDIT).getAll(IDBKeyRange.lowerBound(after, true), limit)),
      );
    },
    async listSnapshots(query = {}) {
      return transact([SNAPSHOTS], 'readonly', async (tx) => {
        const store = tx.objectStore(SNAPSHOTS);
        // The key path [key, version] orders by key, then version, which is the port's order.
        if (query.key === undefined) return request<StoreSnapshot[]>(store.getAll());
        return request<StoreSnapshot[]>(
          store.getAll(IDBKeyRange.bound([query.key, Number.NEGATIVE_INFINITY], [query.key, Number.POSITIVE_INFINITY])),
        );
      });
    },
    async load() {
      // A readonly transaction over every object store never overlaps a readwrite one on them,
      // so it sees each commit whole or not at all.
      return transact([AUDIT, RECORDS, SNAPSHOTS, META], 'readonly', async (tx) => {
        const [head, records, snapshots, audit] = await Promise.all([
          request<StoredHead | undefined>(tx.objectStore(META).get(HEAD_KEY)),
          request<StoreRecord[]>(tx.objectStore(RECORDS).getAll()),
          request<StoreSnapshot[]>(tx.objectStore(SNAPSHOTS).getAll()),
          request<AuditEntry[]>(tx.objectStore(AUDIT).getAll()),
        ]);
        return { head: toHead(head), records, snapshots, audit };
      });
    },
    watch(listener) {
      if (disposed) throw storeDisposed(NAME);
      listeners.add(listener);
      openChannel();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && channel) {
          channel.close();
          channel = undefined;
        }
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      listeners.clear();
      channel?.close();
      channel = undefined;
      const pending = opened;
      opened = undefined;
      void pending?.then((connection) => connection.close()).catch(() => undefined);
    },
  };
}

createIndexedDbStore satisfies StoreFactory<IndexedDbStoreOptions | undefined, IndexedDbStore>;

/**
 * Deletes an IndexedDB database made by {@link createIndexedDbStore}: every report, audit entry
 * and scorecard in it. Dispose the stores open on it first; the promise waits while another tab
 * keeps it open.
 *
 * @example
 * ```ts
 * import { deleteIndexedDbStore } from '@kepu/store-indexeddb';
 * await deleteIndexedDbStore({ database: 'kepu-demo' }); // start the demo afresh
 * ```
 */
export function deleteIndexedDbStore(
  options: Pick<IndexedDbStoreOptions, 'database' | 'indexedDB'> = {},
): Promise<void> {
  const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) return Promise.reject(storeFailure(NAME, 'IndexedDB is not available here'));
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(options.database ?? 'kepu');
    req.onsuccess = () => resolve();
    req.onerror = () => reject(storeFailure(NAME, describe(req.error), req.error));
  });
}
