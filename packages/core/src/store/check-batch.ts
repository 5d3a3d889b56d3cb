import { createIssue, KepuError } from '../errors.js';
import { snapshotExists, storeConflict } from './store-failure.js';
import type { CommitBatch, RecordWrite, StoreHead } from './types.js';

// The rules every adapter applies to a batch, written once so that the memory store, the SQLite
// and PostgreSQL adapters and third-party adapters refuse the same batches with the same codes.

function invalid(path: ReadonlyArray<string | number>, detail: string): KepuError {
  return new KepuError([createIssue('invalid-shape', ['batch', ...path], { detail })]);
}

/**
 * Checks the parts of a batch that do not depend on the store's contents: at least one entry;
 * entry seqs run on from `expectedSeq` without gaps; each entry after the first links to the
 * one before by `prevHash`; versions grow by 0 or 1 per entry; snapshot versions are positive
 * integers and not repeated within the batch. Throws `invalid-shape`. Call it before opening a
 * transaction, then {@link checkBatchFollows} inside it once the head is read. Pure.
 *
 * @example
 * ```ts
 * import { checkBatch, GENESIS_HASH } from '@kepu/core/store';
 * const entry = {
 *   seq: 1, version: 1, at: '2024-01-01T00:00:00.000Z', actor: { id: 'a', role: 'plan-office' },
 *   command: { type: 'noop' }, outcome: 'accepted' as const, patches: [], prevHash: GENESIS_HASH, hash: 'h1',
 * };
 * checkBatch({ expectedSeq: 0, entries: [entry] }); // passes
 * ```
 */
export function checkBatch(batch: CommitBatch): void {
  if (!Number.isSafeInteger(batch.expectedSeq) || batch.expectedSeq < 0) {
    throw invalid(['expectedSeq'], `expectedSeq must be a non-negative integer, got ${batch.expectedSeq}`);
  }
  if (!Array.isArray(batch.entries) || batch.entries.length === 0) {
    throw invalid(['entries'], 'a commit holds at least one audit entry');
  }
  let seq = batch.expectedSeq;
  let previous: CommitBatch['entries'][number] | undefined;
  batch.entries.forEach((entry, index) => {
    if (entry.seq !== seq + 1)
      throw invalid(['entries', index, 'seq'], `entry seq ${entry.seq} does not follow ${seq}`);
    if (!Number.isSafeInteger(entry.version) || entry.version < 0) {
      throw invalid(['entries', index, 'version'], `entry ${entry.seq} has version ${entry.version}`);
    }
    if (previous !== undefined) {
      if (entry.prevHash !== previous.hash) {
        throw invalid(
          ['entries', index, 'prevHash'],
          `entry ${entry.seq} does not link to the hash of entry ${previous.seq}`,
        );
      }
      if (entry.version !== previous.version && entry.version !== previous.version + 1) {
        throw invalid(
          ['entries', index, 'version'],
          `entry ${entry.seq} has version ${entry.version} after ${previous.version}`,
        );
      }
    }
    previous = entry;
    seq = entry.seq;
  });
  const seen = new Set<string>();
  (batch.snapshots ?? []).forEach((snapshot, index) => {
    if (!Number.isSafeInteger(snapshot.version) || snapshot.version < 1) {
      throw invalid(
        ['snapshots', index, 'version'],
        `snapshot ${snapshot.key} has version ${snapshot.version}; versions start at 1`,
      );
    }
    const key = JSON.stringify([snapshot.key, snapshot.version]);
    if (seen.has(key)) throw snapshotExists(snapshot.key, snapshot.version);
    seen.add(key);
  });
}

/**
 * Checks that a batch continues the store's current head: throws `store-conflict` when the head
 * is not at `expectedSeq` (checked first: a stale writer learns it is stale, whatever else is
 * wrong), and `invalid-shape` when the first entry does not link to the head's hash or its
 * version does not follow the head's. Call it inside the transaction that writes the batch,
 * after reading the head under the lock that serialises writers. Pure.
 *
 * @example
 * ```ts
 * import { checkBatchFollows, GENESIS_HASH } from '@kepu/core/store';
 * const head = { seq: 0, version: 0, hash: GENESIS_HASH };
 * const entry = {
 *   seq: 1, version: 1, at: '2024-01-01T00:00:00.000Z', actor: { id: 'a', role: 'plan-office' },
 *   command: { type: 'noop' }, outcome: 'accepted' as const, patches: [], prevHash: GENESIS_HASH, hash: 'h1',
 * };
 * checkBatchFollows('my-store', head, { expectedSeq: 0, entries: [entry] }); // passes
 * ```
 */
export function checkBatchFollows(store: string, head: StoreHead, batch: CommitBatch): void {
  if (batch.expectedSeq !== head.seq) throw storeConflict(store, batch.expectedSeq, head.seq);
  const first = batch.entries[0];
  if (first === undefined) throw invalid(['entries'], 'a commit holds at least one audit entry');
  if (first.prevHash !== head.hash) {
    throw invalid(['entries', 0, 'prevHash'], `entry ${first.seq} does not link to the hash of entry ${head.seq}`);
  }
  if (first.version !== head.version && first.version !== head.version + 1) {
    throw invalid(['entries', 0, 'version'], `entry ${first.seq} has version ${first.version} after ${head.version}`);
  }
}

/**
 * The net effect of a batch's record writes: for each (kind, id), its last write. Writes inside
 * one batch apply in order, so a record put then deleted ends deleted; a bulk writer (one
 * `INSERT … SELECT` for every put, one `DELETE` for every delete) applies this instead of the list
 * and reaches the same state. Pure.
 *
 * @example
 * ```ts
 * import { netRecordWrites } from '@kepu/core/store';
 * const net = netRecordWrites([
 *   { op: 'put', record: { kind: 'reports', id: 'r1', version: 1, data: {} } },
 *   { op: 'delete', kind: 'reports', id: 'r1' },
 * ]);
 * net.deletes; // [{ kind: 'reports', id: 'r1' }]
 * ```
 */
export function netRecordWrites(writes: readonly RecordWrite[]): {
  readonly puts: Extract<RecordWrite, { op: 'put' }>['record'][];
  readonly deletes: { readonly kind: string; readonly id: string }[];
} {
  const last = new Map<string, RecordWrite>();
  for (const write of writes) {
    const key = write.op === 'put' ? [write.record.kind, write.record.id] : [write.kind, write.id];
    const mapKey = JSON.stringify(key);
    // Delete then re-insert, so the map's order is the order of each key's last write.
    last.delete(mapKey);
    last.set(mapKey, write);
  }
  const puts: Extract<RecordWrite, { op: 'put' }>['record'][] = [];
  const deletes: { kind: string; id: string }[] = [];
  for (const write of last.values()) {
    if (write.op === 'put') puts.push(write.record);
    else deletes.push({ kind: write.kind, id: write.id });
  }
  return { puts, deletes };
}
