import { createIssue, KepuError } from '../errors.js';
import {
  type AuditEntry,
  type CommitBatch,
  GENESIS_HASH,
  type KepuStore,
  type StoreHead,
  type StoreLoad,
  type StoreRecord,
  type StoreSnapshot,
} from './types.js';

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
export interface MemoryStore extends KepuStore {
  readonly name: 'memory';
  /** The data behind this store; pass it to another `createMemoryStore` to share it. */
  readonly data: MemoryStoreData;
  head(): StoreHead;
  commit(batch: CommitBatch): StoreHead;
  listRecords(query?: { readonly kind?: string }): StoreRecord[];
  readAudit(query?: { readonly after?: number; readonly limit?: number }): AuditEntry[];
  listSnapshots(query?: { readonly key?: string }): StoreSnapshot[];
  getRecord(kind: string, id: string): StoreRecord | undefined;
  load(): StoreLoad;
  watch(listener: (head: StoreHead) => void): () => void;
  dispose(): void;
}

// Values are copied through JSON on the way in and out, as a database would: a caller can never
// change stored data by mutating an object it passed or got back, and non-JSON values (undefined
// properties, -0) come back the way a real adapter returns them.
function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

const recordKey = (kind: string, id: string) => `${kind}\u0000${id}`;
const snapshotKey = (key: string, version: number) => `${key}\u0000${String(version).padStart(12, '0')}`;

function invalid(detail: string): KepuError {
  return new KepuError([createIssue('invalid-shape', ['batch'], { detail })]);
}

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

  const head = (): StoreHead => {
    const last = data.audit.at(-1);
    return last
      ? { seq: last.seq, version: last.version, hash: last.hash }
      : { seq: 0, version: 0, hash: GENESIS_HASH };
  };
  const live = () => {
    if (disposed) {
      throw new KepuError([
        createIssue('store-failure', [], { store: 'memory', detail: 'the store has been disposed' }),
      ]);
    }
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
      // Check the whole batch before touching anything: a commit is all or nothing.
      const current = head();
      if (batch.expectedSeq !== current.seq) {
        throw new KepuError([
          createIssue('store-conflict', ['expectedSeq'], {
            store: 'memory',
            expected: String(batch.expectedSeq),
            actual: String(current.seq),
          }),
        ]);
      }
      if (batch.entries.length === 0) throw invalid('a commit holds at least one audit entry');
      let previous = current;
      for (const entry of batch.entries) {
        if (entry.seq !== previous.seq + 1) {
          throw invalid(`entry seq ${entry.seq} does not follow ${previous.seq}`);
        }
        if (entry.prevHash !== previous.hash) {
          throw invalid(`entry ${entry.seq} does not link to the hash of entry ${previous.seq}`);
        }
        if (entry.version !== previous.version && entry.version !== previous.version + 1) {
          throw invalid(`entry ${entry.seq} has version ${entry.version} after ${previous.version}`);
        }
        previous = { seq: entry.seq, version: entry.version, hash: entry.hash };
      }
      const fresh = new Set<string>();
      for (const snapshot of batch.snapshots ?? []) {
        const key = snapshotKey(snapshot.key, snapshot.version);
        if (!Number.isInteger(snapshot.version) || snapshot.version < 1) {
          throw invalid(`snapshot ${snapshot.key} has version ${snapshot.version}; versions start at 1`);
        }
        if (data.snapshots.has(key) || fresh.has(key)) {
          throw new KepuError([
            createIssue('snapshot-exists', ['snapshots'], { key: snapshot.key, version: String(snapshot.version) }),
          ]);
        }
        fresh.add(key);
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
      for (const watcher of [...data.watchers]) {
        try {
          watcher(next);
        } catch {
          // A watcher's failure is its own; the commit has happened.
        }
      }
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
      const start = Math.max(0, Math.floor(query.after ?? 0));
      const end = query.limit === undefined ? undefined : start + Math.max(0, query.limit);
      return data.audit.slice(start, end).map(copy);
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
