import type { AuditEntry, StoreRecord, StoreSnapshot } from './types.js';

// How a SQL adapter keeps the port's values: JSON text columns, with `undefined` as SQL NULL.
// Written once so that SQLite, PostgreSQL and third-party SQL adapters store and read alike.
// Counters may come back as strings (PostgreSQL's bigint) or numbers (SQLite): both are read.

type Counter = number | string;

/**
 * A value as a JSON text column: `null` (SQL NULL) for `undefined`.
 *
 * @example
 * ```ts
 * import { encodeJsonColumn } from '@kepu/core/store';
 * encodeJsonColumn({ a: 1 }); // '{"a":1}'
 * encodeJsonColumn(undefined); // null
 * ```
 */
export function encodeJsonColumn(value: unknown): string | null {
  return value === undefined ? null : (JSON.stringify(value) ?? null);
}

/**
 * A JSON text column as a value: `undefined` for SQL NULL.
 *
 * @example
 * ```ts
 * import { decodeJsonColumn } from '@kepu/core/store';
 * decodeJsonColumn('[1,2]'); // [1, 2]
 * ```
 */
export function decodeJsonColumn(text: string | null): unknown {
  return text === null ? undefined : JSON.parse(text);
}

/**
 * One row of an audit table, as the SQL adapters store it.
 *
 * @example
 * ```ts
 * import type { AuditRow } from '@kepu/core/store';
 * const isDenial = (row: AuditRow) => row.outcome === 'denied';
 * ```
 */
export interface AuditRow {
  seq: Counter;
  version: Counter;
  at: string;
  actor: string;
  command: string | null;
  outcome: 'accepted' | 'denied';
  error: string | null;
  patches: string;
  prev_hash: string;
  hash: string;
}

/**
 * An audit row as the port's {@link AuditEntry}; absent optional fields stay absent, so the
 * entry hashes as it did when written.
 *
 * @example
 * ```ts
 * import { auditEntryFromRow } from '@kepu/core/store';
 * const entries = rows.map(auditEntryFromRow);
 * ```
 */
export function auditEntryFromRow(row: AuditRow): AuditEntry {
  const command = decodeJsonColumn(row.command);
  const error = decodeJsonColumn(row.error);
  return {
    seq: Number(row.seq),
    version: Number(row.version),
    at: row.at,
    actor: JSON.parse(row.actor),
    ...(command === undefined ? {} : { command }),
    outcome: row.outcome,
    ...(error === undefined ? {} : { error }),
    patches: JSON.parse(row.patches),
    prevHash: row.prev_hash,
    hash: row.hash,
  } as AuditEntry;
}

/**
 * An audit entry as the row an SQL adapter inserts: the inverse of {@link auditEntryFromRow}, so
 * every SQL adapter (and every test that writes rows behind a store's back) stores entries alike.
 *
 * @example
 * ```ts
 * import { type AuditEntry } from '@kepu/core';
 * import { auditRowFromEntry } from '@kepu/core/store';
 * declare const entry: AuditEntry;
 * const row = auditRowFromEntry(entry);
 * row.prev_hash === entry.prevHash; // true
 * ```
 */
export function auditRowFromEntry(entry: AuditEntry): AuditRow {
  return {
    seq: entry.seq,
    version: entry.version,
    at: entry.at,
    actor: JSON.stringify(entry.actor),
    command: encodeJsonColumn(entry.command),
    outcome: entry.outcome,
    error: encodeJsonColumn(entry.error),
    patches: JSON.stringify(entry.patches),
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

/**
 * A records-table row as a {@link StoreRecord}.
 *
 * @example
 * ```ts
 * import { recordFromRow } from '@kepu/core/store';
 * recordFromRow({ kind: 'reports', id: 'r1', version: 3, data: '{"status":"submitted"}' }).version; // 3
 * ```
 */
export function recordFromRow(row: { kind: string; id: string; version: Counter; data: string | null }): StoreRecord {
  const data = decodeJsonColumn(row.data);
  return {
    kind: row.kind,
    id: row.id,
    version: Number(row.version),
    ...(data === undefined ? {} : { data }),
  } as StoreRecord;
}

/**
 * A snapshots-table row as a {@link StoreSnapshot}.
 *
 * @example
 * ```ts
 * import { snapshotFromRow } from '@kepu/core/store';
 * snapshotFromRow({ key: 'k', version: '2', created_at: '2025-01-01T00:00:00.000Z', data: '{}' }).version; // 2
 * ```
 */
export function snapshotFromRow(row: {
  key: string;
  version: Counter;
  created_at: string;
  data: string | null;
}): StoreSnapshot {
  const data = decodeJsonColumn(row.data);
  return {
    key: row.key,
    version: Number(row.version),
    createdAt: row.created_at,
    ...(data === undefined ? {} : { data }),
  } as StoreSnapshot;
}
