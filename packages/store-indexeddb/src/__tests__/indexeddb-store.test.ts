import 'fake-indexeddb/auto';
import { type AuditEntry, type CommitBatch, isKepuError, type StoreHead } from '@kepu/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createIndexedDbStore, deleteIndexedDbStore, type IndexedDbStore } from '../index.js';

// What is particular to this adapter, beyond the storage-port conformance suite
// (test/conformance.test.ts): IndexedDB's getAll treats a count of 0 as "no limit", record
// writes inside one transaction apply in order, two handles race inside IndexedDB's own
// transaction scheduling, and the failures of a closed store or a context without IndexedDB.
// fake-indexeddb implements the IndexedDB spec; the dashboard's browser suite runs the adapter
// in Chromium.

let counter = 0;
const opened: IndexedDbStore[] = [];
function fresh(database = `kepu-test-${++counter}`): IndexedDbStore {
  const store = createIndexedDbStore({ database });
  opened.push(store);
  return store;
}
afterEach(() => {
  for (const store of opened.splice(0)) store.dispose();
});

function entry(prev: StoreHead, patch: Partial<AuditEntry> = {}): AuditEntry {
  const seq = prev.seq + 1;
  return {
    seq,
    version: prev.version + 1,
    at: '2024-06-01T00:00:00.000Z',
    actor: { id: 'edu.reporter', role: 'reporter', unit: 'education' },
    command: { type: 'submit-report', baseVersion: prev.version },
    outcome: 'accepted',
    patches: [{ op: 'add', path: ['reports', `rpt-${seq}`], value: { n: seq } }],
    prevHash: prev.hash,
    hash: `hash-${seq}`,
    ...patch,
  };
}

function batchAfter(head: StoreHead, extra: Partial<CommitBatch> = {}): CommitBatch {
  const e = entry(head);
  return {
    expectedSeq: head.seq,
    entries: [e],
    records: [{ op: 'put', record: { kind: 'reports', id: `rpt-${e.seq}`, version: e.version, data: { n: e.seq } } }],
    ...extra,
  };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return isKepuError(error) ? error.code : `not a KepuError: ${String(error)}`;
  }
  return 'no error';
}

describe('IndexedDB store', () => {
  it('orders the audit by seq, snapshots by key then version; after and limit page the log', async () => {
    const store = fresh();
    let head = await store.head();
    for (let i = 0; i < 12; i++) {
      const snapshots = [
        {
          key: i % 2 === 0 ? 'b' : 'a',
          version: Math.floor(i / 2) + 1,
          createdAt: '2025-01-01T00:00:00.000Z',
          data: i,
        },
      ];
      head = await store.commit(batchAfter(head, { snapshots }));
    }
    expect((await store.readAudit()).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect((await store.readAudit({ after: 10 })).map((e) => e.seq)).toEqual([11, 12]);
    expect((await store.readAudit({ after: 2, limit: 3 })).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(await store.readAudit({ limit: 0 })).toEqual([]);
    expect(await store.readAudit({ after: 12 })).toEqual([]);
    const snaps = await store.listSnapshots();
    expect(snaps.map((s) => `${s.key}${s.version}`)).toEqual([
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'a6',
      'b1',
      'b2',
      'b3',
      'b4',
      'b5',
      'b6',
    ]);
    expect((await store.listSnapshots({ key: 'a' })).map((s) => s.version)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await store.listSnapshots({ key: 'c' })).toEqual([]);
  });

  it('applies record writes in order within a batch: put then delete ends deleted', async () => {
    const store = fresh();
    let head = await store.commit(batchAfter(await store.head()));
    head = await store.commit({
      expectedSeq: head.seq,
      entries: [entry(head)],
      records: [
        { op: 'put', record: { kind: 'reports', id: 'x', version: 2, data: 1 } },
        { op: 'delete', kind: 'reports', id: 'x' },
        { op: 'delete', kind: 'reports', id: 'rpt-1' },
        { op: 'put', record: { kind: 'reports', id: 'y', version: 2, data: 2 } },
      ],
    });
    expect((await store.listRecords()).map((r) => r.id)).toEqual(['y']);
    expect(head.seq).toBe(2);
  });

  it('two handles racing on one head: exactly one wins, the other gets store-conflict', async () => {
    const name = `kepu-test-race-${++counter}`;
    const a = fresh(name);
    const b = fresh(name);
    const head = await a.head();
    const results = await Promise.allSettled([a.commit(batchAfter(head)), b.commit(batchAfter(head))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isKepuError(rejected.reason) && rejected.reason.code).toBe('store-conflict');
    expect((await b.readAudit()).length).toBe(1);
  });

  it('fails with store-failure once disposed, and without IndexedDB', async () => {
    const store = fresh();
    await store.head();
    store.dispose();
    expect(await codeOf(store.head())).toBe('store-failure');
    const none = createIndexedDbStore({ indexedDB: undefined as never, database: 'x' });
    const saved = globalThis.indexedDB;
    // @ts-expect-error -- simulate a context without IndexedDB
    delete globalThis.indexedDB;
    try {
      const bare = createIndexedDbStore();
      expect(await codeOf(bare.head())).toBe('store-failure');
    } finally {
      globalThis.indexedDB = saved;
    }
    none.dispose();
  });

  it('deleteIndexedDbStore removes the data', async () => {
    const name = `kepu-test-delete-${++counter}`;
    const store = fresh(name);
    await store.commit(batchAfter(await store.head()));
    store.dispose();
    await deleteIndexedDbStore({ database: name });
    const again = fresh(name);
    expect((await again.head()).seq).toBe(0);
  });
});
