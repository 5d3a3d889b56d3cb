import type {
  AuditEntry,
  CommitBatch,
  KepuStore,
  MaybePromise,
  StoreHead,
  StoreLoad,
  StoreRecord,
  StoreSnapshot,
} from './types.js';

// The port says every method may return a value or a promise, so that one engine drives both kinds
// of store. An adapter's own type says which kind it is, so its callers (a CLI reading a SQLite
// file, a test) need not await what is already there. These two types say it once.

/**
 * The port's optional methods. Name the ones a store has in {@link SyncStore} or
 * {@link AsyncStore} to make them required in its type.
 *
 * @example
 * ```ts
 * import type { StoreCapability } from '@kepu/core/store';
 * const everything: StoreCapability[] = ['getRecord', 'load', 'watch', 'dispose'];
 * ```
 */
export type StoreCapability = 'getRecord' | 'load' | 'watch' | 'dispose';

/**
 * A {@link KepuStore} whose methods all return at once (the memory store, SQLite through
 * better-sqlite3). `With` names the optional methods it has, which become required.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@kepu/core';
 * import { type SyncStore } from '@kepu/core/store';
 * const store: SyncStore<'load'> = createMemoryStore();
 * store.load().head.seq; // 0, without await
 * ```
 */
export type SyncStore<With extends StoreCapability = never> = SyncPort & Required<Pick<SyncPort, With>>;

/**
 * A {@link KepuStore} whose methods return promises (PostgreSQL, IndexedDB, anything behind a
 * network or a browser API). `With` names the optional methods it has, which become required.
 * `watch` and `dispose` keep the port's either-way types: a browser store unwatches at once,
 * a networked one after a round trip; each adapter's own type says which.
 *
 * @example
 * ```ts
 * import type { AsyncStore } from '@kepu/core/store';
 * const seqOf = async (store: AsyncStore<'getRecord'>) => (await store.head()).seq;
 * ```
 */
export type AsyncStore<With extends StoreCapability = never> = AsyncPort & Required<Pick<AsyncPort, With>>;

/**
 * The port with every method synchronous; see {@link SyncStore}.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type SyncPort } from '@kepu/core';
 * const port: SyncPort = createMemoryStore();
 * ```
 */
export interface SyncPort extends KepuStore {
  head(): StoreHead;
  commit(batch: CommitBatch): StoreHead;
  listRecords(query?: { readonly kind?: string }): StoreRecord[];
  readAudit(query?: { readonly after?: number; readonly limit?: number }): AuditEntry[];
  listSnapshots(query?: { readonly key?: string }): StoreSnapshot[];
  getRecord?(kind: string, id: string): StoreRecord | undefined;
  load?(): StoreLoad;
  watch?(listener: (head: StoreHead) => void): () => void;
  dispose?(): void;
}

/**
 * The port with every data method returning a promise; see {@link AsyncStore}.
 *
 * @example
 * ```ts
 * import type { AsyncPort } from '@kepu/core';
 * const headOf = (store: AsyncPort) => store.head(); // Promise<StoreHead>
 * ```
 */
export interface AsyncPort extends KepuStore {
  head(): Promise<StoreHead>;
  commit(batch: CommitBatch): Promise<StoreHead>;
  listRecords(query?: { readonly kind?: string }): Promise<StoreRecord[]>;
  readAudit(query?: { readonly after?: number; readonly limit?: number }): Promise<AuditEntry[]>;
  listSnapshots(query?: { readonly key?: string }): Promise<StoreSnapshot[]>;
  getRecord?(kind: string, id: string): Promise<StoreRecord | undefined>;
  load?(): Promise<StoreLoad>;
  watch?(listener: (head: StoreHead) => void): MaybePromise<() => MaybePromise<void>>;
  dispose?(): MaybePromise<void>;
}
