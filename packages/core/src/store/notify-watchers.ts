import type { StoreHead } from './types.js';

/**
 * Tells every watcher that the head moved. A watcher that throws does not stop the others, and its
 * error goes nowhere: by the time watchers hear of a commit it has happened, so the committer must
 * not see it fail. The set is copied first, so a watcher may unwatch while being told.
 *
 * @example
 * ```ts
 * import { GENESIS_HASH, notifyWatchers } from '@kepu/core/store';
 * const seen: number[] = [];
 * notifyWatchers(new Set([(head) => seen.push(head.seq), () => { throw new Error('mine'); }]), {
 *   seq: 1, version: 1, hash: GENESIS_HASH,
 * });
 * seen; // [1]
 * ```
 */
export function notifyWatchers(watchers: Iterable<(head: StoreHead) => void>, head: StoreHead): void {
  for (const watcher of [...watchers]) {
    try {
      watcher(head);
    } catch {
      // A watcher's failure is its own; the commit has happened.
    }
  }
}
