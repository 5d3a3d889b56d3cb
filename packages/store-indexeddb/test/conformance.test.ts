import 'fake-indexeddb/auto';
import type { AuditEntry, KepuStore } from '@kepu/core';
import { testStore } from '@kepu/plugin-sdk/testing';
import { createIndexedDbStore, type IndexedDbStore } from '../src/index.js';

// The IndexedDB store against the storage-port conformance suite, in Node on fake-indexeddb
// (an implementation of the IndexedDB spec checked against the web-platform tests); each test
// gets a database of its own. The dashboard's browser suite runs the same adapter in Chromium.

let counter = 0;
const databaseOf = (store: KepuStore) => (store as IndexedDbStore).database;

/** Changes a stored value behind the adapter's back, as anyone with the browser's devtools could. */
function tamper(
  database: string,
  objectStore: string,
  change: (value: Record<string, unknown>) => unknown,
  key: IDBValidKey,
) {
  return new Promise<void>((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(objectStore, 'readwrite');
      const os = tx.objectStore(objectStore);
      const get = os.get(key);
      get.onsuccess = () => os.put(change(get.result as Record<string, unknown>));
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

testStore(() => createIndexedDbStore({ database: `kepu-conformance-${++counter}` }), {
  name: 'indexeddb (fake-indexeddb)',
  open: (store) => createIndexedDbStore({ database: databaseOf(store) }),
  tamperRecord: (store, kind, id, data) =>
    tamper(databaseOf(store), 'records', (record) => ({ ...record, data: JSON.parse(JSON.stringify(data)) }), [
      kind,
      id,
    ]),
  tamperAudit: (store, seq, entry: AuditEntry) =>
    tamper(databaseOf(store), 'audit', () => JSON.parse(JSON.stringify(entry)), seq),
});
