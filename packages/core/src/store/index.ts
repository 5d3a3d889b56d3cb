export { auditWindow } from './audit-window.js';
export { checkBatch, checkBatchFollows, netRecordWrites } from './check-batch.js';
export { headOf } from './head-of.js';
export type { MemoryStore, MemoryStoreData, MemoryStoreOptions } from './memory.js';
export { createMemoryStore } from './memory.js';
export { checkNamespace, NAMESPACE_PATTERN } from './namespace.js';
export { notifyWatchers } from './notify-watchers.js';
export type { AuditRow } from './sql-rows.js';
export {
  auditEntryFromRow,
  auditRowFromEntry,
  decodeJsonColumn,
  encodeJsonColumn,
  recordFromRow,
  snapshotFromRow,
} from './sql-rows.js';
export {
  isStoreConflict,
  snapshotExists,
  storeConflict,
  storeDisposed,
  storeFailure,
  storeOutcomeUnknown,
  toStoreFailure,
} from './store-failure.js';
export type { AsyncPort, AsyncStore, StoreCapability, SyncPort, SyncStore } from './sync-store.js';
export type {
  AuditActor,
  AuditEntry,
  AuditPatch,
  CommitBatch,
  KepuStore,
  MaybePromise,
  RecordWrite,
  StoreFactory,
  StoreHead,
  StoreLoad,
  StoreRecord,
  StoreSnapshot,
} from './types.js';
export { GENESIS_HASH } from './types.js';
