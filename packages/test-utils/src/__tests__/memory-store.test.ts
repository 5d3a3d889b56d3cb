import { createMemoryStore, type KepuStore, type MemoryStore, type StoreFactory } from '@kepu/core';
import { expectTypeOf, it } from 'vitest';
import { testStore } from '../store-conformance.js';

// The in-memory store against the storage-port conformance suite: a second handle on the same
// data stands in for a second connection or a reopen; tampering edits the shared data directly.
testStore(() => createMemoryStore(), {
  name: 'memory',
  open: (store) => createMemoryStore({ data: (store as MemoryStore).data }),
  tamperRecord: (store, kind, id, data) => {
    const records = (store as MemoryStore).data.records;
    for (const [key, record] of records) {
      if (record.kind === kind && record.id === id) records.set(key, { ...record, data });
    }
  },
  tamperAudit: (store, seq, entry) => {
    (store as MemoryStore).data.audit[seq - 1] = entry;
  },
});

it('createMemoryStore is a StoreFactory', () => {
  expectTypeOf(createMemoryStore).toExtend<StoreFactory<{ data?: MemoryStore['data'] }, KepuStore>>();
});
