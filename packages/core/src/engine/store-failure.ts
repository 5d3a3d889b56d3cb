import { createIssue, isKepuError, KepuError } from '../errors.js';
import type { KepuStore } from '../store/types.js';

/** True for the store's answer that another writer moved the head first. */
export const isStoreConflict = (error: unknown) => isKepuError(error) && error.code === 'store-conflict';

/** A short random pause before the next attempt after losing a race: 0 to 2^attempt ms, at most 64. */
export function backoff(attempt: number): Promise<void> | undefined {
  if (attempt < 2) return undefined;
  const ms = Math.random() * Math.min(64, 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A store's failure as a `KepuError` (`store-failure`, the error as its cause), unless it is one. */
export function storeFailure(store: KepuStore, error: unknown): KepuError {
  if (isKepuError(error)) return error;
  return new KepuError([createIssue('store-failure', [], { store: store.name, detail: String(error) })], {
    cause: error,
  });
}
