/// <reference lib="webworker" />
import { createIndexedDbStore } from '@kepu/store-indexeddb';
import { verifyStored } from './verify-stored.js';

// Verifies the dashboard's IndexedDB database off the main thread: receives the database name,
// answers with `undefined` (sound) or the reason it is not.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = async (event: MessageEvent<{ database: string }>) => {
  const store = createIndexedDbStore({ database: event.data.database, broadcast: false });
  try {
    scope.postMessage(await verifyStored(store));
  } finally {
    store.dispose();
  }
};
