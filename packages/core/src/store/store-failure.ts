import { createIssue, isKepuError, KepuError } from '../errors.js';

// The errors a store throws, written once so that the engine, the memory store and every adapter
// (ours and third parties') fail with the same codes, paths and messages. Which driver error means
// what stays with each adapter (its `describe` function); how that becomes a KepuError lives here.

/**
 * The `store-conflict` error: the store's head is not where the batch expected it. Throw it when
 * the check against `expectedSeq` fails, before anything is written.
 *
 * @example
 * ```ts
 * import { storeConflict } from '@kepu/core/store';
 * const error = storeConflict('my-store', 4, 5);
 * error.code; // 'store-conflict'
 * ```
 */
export function storeConflict(store: string, expected: number, actual: number): KepuError {
  return new KepuError([
    createIssue('store-conflict', ['expectedSeq'], { store, expected: String(expected), actual: String(actual) }),
  ]);
}

/**
 * The `store-failure` error: anything that went wrong below the port (a driver error, a lost
 * connection, a locked file). The driver's error is kept as `cause`; `detail` says what failed in
 * words a host can show.
 *
 * @example
 * ```ts
 * import { storeFailure } from '@kepu/core/store';
 * const error = storeFailure('my-store', 'the connection was lost', new Error('ECONNRESET'));
 * error.cause; // Error: ECONNRESET
 * ```
 */
export function storeFailure(store: string, detail: string, cause?: unknown): KepuError {
  return new KepuError(
    [createIssue('store-failure', [], { store, detail })],
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The `store-failure` of a store used after `dispose()`. Every adapter says it the same way.
 *
 * @example
 * ```ts
 * import { storeDisposed } from '@kepu/core/store';
 * storeDisposed('sqlite').message; // 'Store "sqlite" failed: the store has been disposed. …'
 * ```
 */
export function storeDisposed(store: string): KepuError {
  return storeFailure(store, 'the store has been disposed');
}

/**
 * The `store-outcome-unknown` error: a commit lost its connection after the batch was sent, and
 * the store could not find out whether it was written. The caller reloads (the head tells) before
 * deciding to retry; the driver's error is kept as `cause`.
 *
 * @example
 * ```ts
 * import { storeOutcomeUnknown } from '@kepu/core/store';
 * storeOutcomeUnknown('postgres', 'committing entry 7; the connection was reset').code; // 'store-outcome-unknown'
 * ```
 */
export function storeOutcomeUnknown(store: string, detail: string, cause?: unknown): KepuError {
  return new KepuError(
    [createIssue('store-outcome-unknown', [], { store, detail })],
    cause === undefined ? undefined : { cause },
  );
}

/**
 * The `snapshot-exists` error: a batch tried to write a snapshot version the store already holds.
 *
 * @example
 * ```ts
 * import { snapshotExists } from '@kepu/core/store';
 * snapshotExists('assessment/zhengning-2022-2025/2024', 1).code; // 'snapshot-exists'
 * ```
 */
export function snapshotExists(key: string, version: number): KepuError {
  return new KepuError([createIssue('snapshot-exists', ['snapshots'], { key, version: String(version) })]);
}

/**
 * The words a store failure shows when the adapter has nothing better: the error's message.
 * Adapters pass their own `describe` to {@link toStoreFailure} to name driver codes in plain words.
 */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Any error from below the port as the error the port promises: a `KepuError` (a conflict, a
 * refused batch, an unknown outcome) passes through unchanged; anything else becomes a
 * `store-failure` of `store`, with `describe(error)` as its detail and the error as its `cause`.
 *
 * @param store the store, or its name, for the message
 * @param describe turns a driver's error into words a host can show
 * @default describe the error's message
 * @example
 * ```ts
 * import { createMemoryStore } from '@kepu/core';
 * import { toStoreFailure } from '@kepu/core/store';
 * const error = toStoreFailure(createMemoryStore(), new Error('disk full'));
 * error.code; // 'store-failure'
 * error.cause; // Error: disk full
 * ```
 */
export function toStoreFailure(
  store: string | { readonly name: string },
  error: unknown,
  describe: (error: unknown) => string = messageOf,
): KepuError {
  if (isKepuError(error)) return error;
  return storeFailure(typeof store === 'string' ? store : store.name, describe(error), error);
}

/**
 * Whether an error is the store's `store-conflict`: another writer moved the head first, so the
 * caller may catch up and retry. Any other error (including `store-outcome-unknown`) is not.
 *
 * @example
 * ```ts
 * import { isStoreConflict, storeConflict } from '@kepu/core/store';
 * isStoreConflict(storeConflict('memory', 1, 2)); // true
 * isStoreConflict(new Error('boom')); // false
 * ```
 */
export function isStoreConflict(error: unknown): boolean {
  return isKepuError(error) && error.code === 'store-conflict';
}
