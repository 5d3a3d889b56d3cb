import { auditWindow } from './audit-window.js';
import { checkBatch, checkBatchFollows } from './check-batch.js';
import { headOf } from './head-of.js';
import { notifyWatchers } from './notify-watchers.js';
import { snapshotExists, storeDisposed } from './store-failure.js';
import type { SyncStore } from './sync-store.js';
import type { AuditEntry, CommitBatch, StoreHead, StoreRecord, StoreSnapshot } from './types.js';

/**
 * The data behind one or more memory stores. Two stores created over the same data behave like
 * two connections to one database: they share the log and see each other's commits.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@kepu/core';
 * const first = createMemoryStore();
 * const second = createMemoryStore({ data: first.data }); // same data, second handle
 * ```
 */
export interface MemoryStoreData {
  /** @internal */ readonly audit: AuditEntry[];
  /** @internal */ readonly records: Map<string, StoreRecord>;
  /** @internal */ readonly snapshots: Map<string, StoreSnapshot>;
  /** @internal */ readonly watchers: Set<(head: StoreHead) => void>;
}

/**
 * Options of {@link createMemoryStore}.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type MemoryStoreOptions } from '@kepu/core';
 * const options: MemoryStoreOptions = {};
 * createMemoryStore(options);
 * ```
 */
export interface MemoryStoreOptions {
  /**
   * Data to share with another memory store (a second "connection").
   * @default a new, empty data set
   */
  readonly data?: MemoryStoreData;
}

/**
 * The in-memory store: a {@link KepuStore} with every capability, synchronous throughout, plus its
 * `data` for sharing.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type MemoryStore } from '@kepu/core';
 * const store: MemoryStore = createMemoryStore();
 * ```
 */
export interface MemoryStore extends SyncStore<'getRecord' | 'load' | 'watch' | 'dispose'> {
  readonly name: 'memory';
  /** The data behind this store; pass it to another `createMemoryStore` to share it. */
  readonly data: MemoryStoreData;
}

// Values are copied through JSON on the way in and out, as a database would: a caller can never
// change stored data by mutating an object it passed or got back, and non-JSON values (undefined
// properties, -0) come back the way a real adapter returns them.
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const recordKey = (kind: string, id: string) => `${kind}\u0000${id}`;
const snapshotKey = (key: string, version: number) => `${key}\u0000${String(version).padStart(12, '0')}`;

/**
 * Creates the in-memory store, the engine's default. Everything is lost when the process ends;
 * use it for tests, demos and browsers without persistence. Synchronous throughout.
 *
 * @example
 * ```ts
 * import { createEngine, createMemoryStore } from '@kepu/core';
 * import { zhengningPlan } from '@kepu/plan-zhengning';
 * const engine = await createEngine({ plans: [zhengningPlan], store: createMemoryStore() });
 * ```
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const data: MemoryStoreData = options.data ?? {
    audit: [],
    records: new Map(),
    snapshots: new Map(),
    watchers: new Set(),
  };
  const mine = new Set<(head: StoreHead) => void>();
  let disposed = false;

  const head = (): StoreHead => headOf(data.audit.at(-1));
  const live = () => {
    if (disposed) throw storeDisposed('memory');
  };

  return {
    name: 'memory',
    data,
    head() {
      live();
      return head();
    },
    commit(batch: CommitBatch) {
      live();
      // Check the whole batch before touching anything: a commit is all or nothing. The checks
      // are the ones every adapter makes, so the memory store refuses what they refuse.
      checkBatch(batch);
      checkBatchFollows('memory', head(), batch);
      for (const snapshot of batch.snapshots ?? []) {
        if (data.snapshots.has(snapshotKey(snapshot.key, snapshot.version))) {
          throw snapshotExists(snapshot.key, snapshot.version);
        }
      }
      const entries = copy(batch.entries);
      const records = copy(batch.records ?? []);
      const snapshots = copy(batch.snapshots ?? []);

      data.audit.push(...entries);
      for (const write of records) {
        if (write.op === 'put') data.records.set(recordKey(write.record.kind, write.record.id), write.record);
        else data.records.delete(recordKey(write.kind, write.id));
      }
      for (const snapshot of snapshots) data.snapshots.set(snapshotKey(snapshot.key, snapshot.version), snapshot);

      const next = head();
      notifyWatchers(data.watchers, next);
      return next;
    },
    listRecords(query = {}) {
      live();
      const out: StoreRecord[] = [];
      for (const record of data.records.values()) {
        if (query.kind === undefined || record.kind === query.kind) out.push(copy(record));
      }
      return out;
    },
    getRecord(kind, id) {
      live();
      return copy(data.records.get(recordKey(kind, id)));
    },
    readAudit(query = {}) {
      live();
      // Entries are kept without gaps from seq 1 (commit checks it), so seq n sits at index n - 1.
      const { after, limit } = auditWindow(query);
      return data.audit.slice(after, limit === undefined ? undefined : after + limit).map(copy);
    },
    listSnapshots(query = {}) {
      live();
      return [...data.snapshots.entries()]
        .filter(([, s]) => query.key === undefined || s.key === query.key)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([, s]) => copy(s));
    },
    load() {
      live();
      // Synchronous, so no commit can come in between: one consistent snapshot.
      return {
        head: head(),
        records: [...data.records.values()].map(copy),
        snapshots: [...data.snapshots.entries()]
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([, s]) => copy(s)),
        audit: data.audit.map(copy),
      };
    },
    watch(listener) {
      live();
      data.watchers.add(listener);
      mine.add(listener);
      return () => {
        data.watchers.delete(listener);
        mine.delete(listener);
      };
    },
    dispose() {
      for (const listener of mine) data.watchers.delete(listener);
      mine.clear();
      disposed = true;
    },
  };
}
