import type { AuditEntry, StoreHead } from './types.js';
import { GENESIS_HASH } from './types.js';

/**
 * The head of a log that ends with `last`: its seq, version and hash, or the empty head
 * (`{ seq: 0, version: 0, hash: GENESIS_HASH }`) when there is no entry. What a store returns
 * from `head()` and from a commit whose last entry is `last`.
 *
 * @example
 * ```ts
 * import { GENESIS_HASH, headOf } from '@kepu/core/store';
 * headOf(undefined); // { seq: 0, version: 0, hash: GENESIS_HASH }
 * headOf({ seq: 3, version: 2, hash: 'abc' }); // { seq: 3, version: 2, hash: 'abc' }
 * ```
 */
export function headOf(last: Pick<AuditEntry, 'seq' | 'version' | 'hash'> | undefined): StoreHead {
  return last ? { seq: last.seq, version: last.version, hash: last.hash } : { seq: 0, version: 0, hash: GENESIS_HASH };
}
