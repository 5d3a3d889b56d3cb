export type { IndexedDbStore, IndexedDbStoreOptions } from './indexeddb-store.js';
export { createIndexedDbStore, deleteIndexedDbStore } from './indexeddb-store.js';
