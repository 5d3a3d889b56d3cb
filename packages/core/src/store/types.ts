/**
 * The storage port: what a persistent adapter implements so the engine can keep its records,
 * its audit log and its snapshots there. Modelled on unstorage's `Driver`: a small required
 * interface, optional capabilities the engine uses when present, a `name`, and `dispose()`.
 *
 * Every method may return a value or a promise of one ({@link MaybePromise}), so a synchronous
 * driver (better-sqlite3) and an asynchronous one (pg) implement the same interface and the
 * engine awaits both alike.
 */

/**
 * A value, or a promise of it. Store methods return either; the engine awaits both.
 *
 * @example
 * ```ts
 * import type { MaybePromise } from '@kepu/core';
 * const head: MaybePromise<number> = Promise.resolve(1);
 * ```
 */
export type MaybePromise<T> = T | Promise<T>;

/**
 * One change to the engine's state, as immer records it (RFC 6902-like, with the path as an
 * array). The engine's state is JSON, so every patch is JSON too.
 *
 * @example
 * ```ts
 * import type { AuditPatch } from '@kepu/core';
 * const patch: AuditPatch = { op: 'replace', path: ['reports', 'rpt-1', 'status'], value: 'approved' };
 * ```
 */
export interface AuditPatch {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: ReadonlyArray<string | number>;
  readonly value?: unknown;
}

/**
 * Who ran a command, as the audit log records it. `role` is `'unknown'` for a command whose actor
 * could not be resolved (it is still logged as denied).
 *
 * @example
 * ```ts
 * import type { AuditActor } from '@kepu/core';
 * const actor: AuditActor = { id: 'wang.li', role: 'reporter', unit: 'education' };
 * ```
 */
export interface AuditActor {
  readonly id: string;
  readonly role: string;
  readonly unit?: string;
  readonly plan?: string;
}

/**
 * One entry of the hash-chained audit log. Every command the engine receives is logged:
 * accepted ones with the patches they made, denied ones with the error and no patches.
 *
 * `hash` is the SHA-256 of the canonical JSON of every other field, `prevHash` the previous
 * entry's `hash` ({@link GENESIS_HASH} for the first), so changing, removing or reordering any
 * entry breaks the chain from there on.
 *
 * @example
 * ```ts
 * import type { AuditEntry } from '@kepu/core';
 * const isDenial = (entry: AuditEntry) => entry.outcome === 'denied';
 * ```
 */
export interface AuditEntry {
  /** Position in the log, from 1, without gaps. */
  readonly seq: number;
  /** The engine's state version after this entry: one more than before if accepted, unchanged if denied. */
  readonly version: number;
  /** When the engine received the command (ISO 8601, from the engine's clock). */
  readonly at: string;
  readonly actor: AuditActor;
  /** The command as validated (accepted), or as much of it as is safe to keep (denied). */
  readonly command: unknown;
  readonly outcome: 'accepted' | 'denied';
  /** Why a command was denied: the error's code, path and English message. */
  readonly error?: {
    readonly code: string;
    readonly path: ReadonlyArray<string | number>;
    readonly message: string;
  };
  /** The state changes of an accepted command; empty for a denial. */
  readonly patches: readonly AuditPatch[];
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * The `prevHash` of the first audit entry: 64 zeros.
 *
 * @example
 * ```ts
 * import { GENESIS_HASH } from '@kepu/core/store';
 * GENESIS_HASH.length; // 64
 * ```
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Where a store's log ends: the last entry's `seq`, `version` and `hash`
 * (`{ seq: 0, version: 0, hash: GENESIS_HASH }` when empty).
 *
 * @example
 * ```ts
 * import { createMemoryStore } from '@kepu/core';
 * await createMemoryStore().head(); // { seq: 0, version: 0, hash: '000…' }
 * ```
 */
export interface StoreHead {
  readonly seq: number;
  readonly version: number;
  readonly hash: string;
}

/**
 * A record: the current value of one thing the engine keeps (a report, a finding, an award, an
 * incident), by kind and id. `version` is the engine version that last wrote it; `data` is JSON.
 *
 * @example
 * ```ts
 * import type { StoreRecord } from '@kepu/core';
 * const record: StoreRecord = { kind: 'reports', id: 'rpt-1', version: 1, data: { status: 'submitted' } };
 * ```
 */
export interface StoreRecord {
  readonly kind: string;
  readonly id: string;
  readonly version: number;
  readonly data: unknown;
}

/**
 * A change to one record inside a commit: write its new value, or delete it.
 *
 * @example
 * ```ts
 * import type { RecordWrite } from '@kepu/core';
 * const write: RecordWrite = { op: 'delete', kind: 'reports', id: 'rpt-1' };
 * ```
 */
export type RecordWrite =
  | { readonly op: 'put'; readonly record: StoreRecord }
  | { readonly op: 'delete'; readonly kind: string; readonly id: string };

/**
 * An immutable, versioned document: an assessment's scorecard for a period. A key gains
 * versions 1, 2, 3 …; a version once written is never overwritten (the store refuses with
 * `snapshot-exists`).
 *
 * @example
 * ```ts
 * import type { StoreSnapshot } from '@kepu/core';
 * const snapshot: StoreSnapshot = {
 *   key: 'assessment/zhengning-2022-2025/2024', version: 2, createdAt: '2025-01-20T08:00:00.000Z', data: {},
 * };
 * ```
 */
export interface StoreSnapshot {
  readonly key: string;
  readonly version: number;
  readonly createdAt: string;
  readonly data: unknown;
}

/**
 * Everything one command (or one batch of commands) writes, applied by {@link KepuStore.commit}
 * as a single atomic unit: the audit entries, the record changes and the new snapshots, and the
 * head moving to the last entry. If the store's head is not at `expectedSeq`, nothing is written.
 *
 * @example
 * ```ts
 * import type { CommitBatch } from '@kepu/core';
 * const empty = (entry: CommitBatch['entries'][number]): CommitBatch => ({ expectedSeq: 0, entries: [entry] });
 * ```
 */
export interface CommitBatch {
  /** The `seq` of the head this batch was built on. */
  readonly expectedSeq: number;
  /** At least one entry; seqs follow the head without gaps and each links to the one before. */
  readonly entries: readonly AuditEntry[];
  readonly records?: readonly RecordWrite[];
  readonly snapshots?: readonly StoreSnapshot[];
}

/**
 * What {@link KepuStore.load} returns: everything the engine loads, from one consistent read.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type StoreLoad } from '@kepu/core';
 * const loaded: StoreLoad = createMemoryStore().load();
 * loaded.head.seq; // 0
 * ```
 */
export interface StoreLoad {
  readonly head: StoreHead;
  readonly records: StoreRecord[];
  readonly snapshots: StoreSnapshot[];
  readonly audit: AuditEntry[];
}

/**
 * The interface a storage adapter implements. Required: `name`, `head`, `commit`, `listRecords`,
 * `readAudit`, `listSnapshots`. Optional capabilities: `getRecord` (a fast single read; the
 * engine falls back to `listRecords`), `load` (head, records, snapshots and the whole log from
 * one consistent read; the engine falls back to separate reads, retried when the head moves
 * in between), `watch` (tells other engines on the same data that the head moved), `dispose`.
 *
 * Contract (checked by the conformance suite `testStore` in `@kepu/plugin-sdk/testing`):
 * - `commit` is atomic: all of a batch or none of it. It throws a `KepuError` with code
 *   `store-conflict` when the head is not at `expectedSeq`, `snapshot-exists` when a snapshot
 *   version exists, `invalid-shape` when entries do not follow the head; any other failure is
 *   a `store-failure` with the cause attached.
 * - Data comes back as it was written (JSON round trip); callers' objects are never kept.
 * - `readAudit` returns entries in `seq` order; `listSnapshots` in key, then version order;
 *   `listRecords` in any order.
 * - `load`, when present, returns what `head`, `listRecords`, `listSnapshots` and `readAudit`
 *   would return at one instant, in the same orders; no commit is half seen.
 * - When a `commit` loses its connection and cannot tell whether the batch was written, it throws
 *   `store-outcome-unknown`: reload (the head tells) before retrying.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type KepuStore } from '@kepu/core';
 * const store: KepuStore = createMemoryStore();
 * (await store.head()).seq; // 0
 * ```
 */
export interface KepuStore {
  /** The adapter's name, for messages: `'memory'`, `'sqlite'`, `'postgres'`. */
  readonly name: string;
  /** Where the log ends. */
  head(): MaybePromise<StoreHead>;
  /** Writes a batch atomically and returns the new head. */
  commit(batch: CommitBatch): MaybePromise<StoreHead>;
  /** Current records, all or of one kind. */
  listRecords(query?: { readonly kind?: string }): MaybePromise<StoreRecord[]>;
  /** Audit entries with `seq > after` (default 0), in order, at most `limit`. */
  readAudit(query?: { readonly after?: number; readonly limit?: number }): MaybePromise<AuditEntry[]>;
  /** Snapshots, all or of one key, ordered by key then version. */
  listSnapshots(query?: { readonly key?: string }): MaybePromise<StoreSnapshot[]>;
  /** Optional: one record, or `undefined`. */
  getRecord?(kind: string, id: string): MaybePromise<StoreRecord | undefined>;
  /**
   * Optional: head, all records, all snapshots and the whole audit log, read as one consistent
   * snapshot (one read transaction). The engine loads with it when present.
   */
  load?(): MaybePromise<StoreLoad>;
  /** Optional: calls `listener` after any commit to the same data (from this handle or another); returns an unwatch function. */
  watch?(listener: (head: StoreHead) => void): MaybePromise<() => MaybePromise<void>>;
  /** Optional: releases connections and handles. The store is not used afterwards. */
  dispose?(): MaybePromise<void>;
}

/**
 * The type of every store factory: a plain function from the adapter's options to a store.
 * No `define*` wrapper: `createSqliteStore satisfies StoreFactory<SqliteStoreOptions>`.
 *
 * @example
 * ```ts
 * import { createMemoryStore, type MemoryStoreOptions, type StoreFactory } from '@kepu/core';
 * const factory: StoreFactory<MemoryStoreOptions> = createMemoryStore;
 * ```
 */
export type StoreFactory<Options = void, Store extends KepuStore = KepuStore> = (options: Options) => Store;
