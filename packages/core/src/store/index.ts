export type { MemoryStore, MemoryStoreData, MemoryStoreOptions } from './memory.js';
export { createMemoryStore } from './memory.js';
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
