import 'fake-indexeddb/auto';
import { type AuditEntry, type CommitBatch, GENESIS_HASH, isKepuError, type StoreHead } from '@kepu/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createIndexedDbStore, deleteIndexedDbStore, type IndexedDbStore } from '../index.js';

// fake-indexeddb implements IndexedDB after the W3C spec and passes the web-platform tests'
// IndexedDB suite, so the adapter's transactions, key ranges and indexes are exercised in Node
// the way a browser runs them; the dashboard's end-to-end test runs the same adapter in Chromium.

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
  it('starts empty at the genesis head', async () => {
    const store = fresh();
    expect(await store.head()).toEqual({ seq: 0, version: 0, hash: GENESIS_HASH });
    expect(await store.listRecords()).toEqual([]);
    expect(await store.readAudit()).toEqual([]);
    expect(await store.listSnapshots()).toEqual([]);
  });

  it('round-trips every record kind, audit entries and snapshots as JSON', async () => {
    const store = fresh();
    const e = entry(await store.head(), { command: { type: 'x', skipped: undefined, zero: -0 } });
    await store.commit({
      expectedSeq: 0,
      entries: [e],
      records: [
        { op: 'put', record: { kind: 'reports', id: 'r1', version: 1, data: { text: '科普', n: 0, a: [1, null] } } },
        { op: 'put', record: { kind: 'findings', id: 'f1', version: 1, data: { gone: undefined } } },
        { op: 'put', record: { kind: 'awards', id: 'a1', version: 1, data: null } },
        { op: 'put', record: { kind: 'incidents', id: 'i1', version: 1, data: 'text' } },
      ],
      snapshots: [
        { key: 'assessment/p/2024', version: 1, createdAt: '2025-01-20T00:00:00.000Z', data: { score: 91.5 } },
      ],
    });
    expect(await store.getRecord('reports', 'r1')).toEqual({
      kind: 'reports',
      id: 'r1',
      version: 1,
      data: { text: '科普', n: 0, a: [1, null] },
    });
    expect((await store.getRecord('findings', 'f1'))?.data).toEqual({});
    expect(Object.keys((await store.getRecord('findings', 'f1'))?.data as object)).toEqual([]);
    expect((await store.getRecord('awards', 'a1'))?.data).toBeNull();
    expect(await store.getRecord('reports', 'nope')).toBeUndefined();
    expect((await store.listRecords({ kind: 'incidents' })).map((r) => r.id)).toEqual(['i1']);
    expect(await store.listRecords()).toHaveLength(4);
    const [read] = await store.readAudit();
    expect(read).toEqual(JSON.parse(JSON.stringify(e)));
    expect(Object.is((read!.command as { zero: number }).zero, 0)).toBe(true);
    expect(await store.listSnapshots()).toEqual([
      { key: 'assessment/p/2024', version: 1, createdAt: '2025-01-20T00:00:00.000Z', data: { score: 91.5 } },
    ]);
  });

  it("never keeps the caller's objects", async () => {
    const store = fresh();
    const data = { status: 'submitted' };
    await store.commit({
      expectedSeq: 0,
      entries: [entry(await store.head())],
      records: [{ op: 'put', record: { kind: 'reports', id: 'r', version: 1, data } }],
    });
    data.status = 'changed';
    const got = await store.getRecord('reports', 'r');
    expect(got?.data).toEqual({ status: 'submitted' });
    (got?.data as { status: string }).status = 'mutated';
    expect((await store.getRecord('reports', 'r'))?.data).toEqual({ status: 'submitted' });
  });

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

  it('refuses a stale batch with store-conflict and writes nothing', async () => {
    const store = fresh();
    const head = await store.commit(batchAfter(await store.head()));
    const stale = batchAfter({ seq: 0, version: 0, hash: GENESIS_HASH });
    expect(await codeOf(store.commit(stale))).toBe('store-conflict');
    expect(await store.head()).toEqual(head);
    expect(await store.readAudit()).toHaveLength(1);
  });

  it('refuses a batch that does not link to the head with invalid-shape', async () => {
    const store = fresh();
    const head = await store.commit(batchAfter(await store.head()));
    const e = entry(head, { prevHash: 'not-the-head' });
    expect(await codeOf(store.commit({ expectedSeq: head.seq, entries: [e] }))).toBe('invalid-shape');
    const gap = entry({ ...head, seq: head.seq + 1 });
    expect(await codeOf(store.commit({ expectedSeq: head.seq, entries: [gap] }))).toBe('invalid-shape');
    expect(await codeOf(store.commit({ expectedSeq: head.seq, entries: [] }))).toBe('invalid-shape');
    expect(await store.head()).toEqual(head);
  });

  it('never overwrites a snapshot version, and a refused batch leaves nothing behind', async () => {
    const store = fresh();
    const snapshot = { key: 'assessment/p/2024', version: 1, createdAt: '2025-01-01T00:00:00.000Z', data: 'first' };
    const head = await store.commit(batchAfter(await store.head(), { snapshots: [snapshot] }));
    const again = batchAfter(head, { snapshots: [{ ...snapshot, data: 'second' }] });
    expect(await codeOf(store.commit(again))).toBe('snapshot-exists');
    expect(await store.head()).toEqual(head);
    expect(await store.readAudit()).toHaveLength(1);
    expect(await store.listRecords()).toHaveLength(1);
    expect((await store.listSnapshots()).map((s) => s.data)).toEqual(['first']);
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

  it('keeps a denied entry without moving the version', async () => {
    const store = fresh();
    const head = await store.commit(batchAfter(await store.head()));
    const denied = entry(head, {
      version: head.version,
      outcome: 'denied',
      patches: [],
      error: { code: 'forbidden', path: ['actor'], message: 'no' },
    });
    const next = await store.commit({ expectedSeq: head.seq, entries: [denied] });
    expect(next).toEqual({ seq: 2, version: 1, hash: 'hash-2' });
    expect((await store.readAudit({ after: 1 }))[0]?.error?.code).toBe('forbidden');
  });

  it('persists across handles: a second store on the same database reads what the first wrote', async () => {
    const name = `kepu-test-reopen-${++counter}`;
    const first = fresh(name);
    let head = await first.head();
    for (let i = 0; i < 5; i++) head = await first.commit(batchAfter(head));
    first.dispose();
    const second = fresh(name);
    expect(await second.head()).toEqual(head);
    expect((await second.readAudit()).map((e) => e.hash)).toEqual(['hash-1', 'hash-2', 'hash-3', 'hash-4', 'hash-5']);
    expect(await second.listRecords()).toHaveLength(5);
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

  it('watch reports commits through this handle and through another handle on the same database', async () => {
    const name = `kepu-test-watch-${++counter}`;
    const a = fresh(name);
    const b = fresh(name);
    const seenByA: number[] = [];
    const seenByB: number[] = [];
    const stopA = a.watch((h) => seenByA.push(h.seq));
    const stopB = b.watch((h) => seenByB.push(h.seq));
    const head = await a.commit(batchAfter(await a.head()));
    await b.commit(batchAfter(head));
    await expect.poll(() => seenByA).toEqual([1, 2]);
    await expect.poll(() => seenByB).toEqual([1, 2]);
    stopA();
    stopB();
  });

  it('commits a batch of 10,000 records atomically', async () => {
    const store = fresh();
    const head = await store.head();
    const e = entry(head);
    const records = Array.from({ length: 10_000 }, (_, i) => ({
      op: 'put' as const,
      record: { kind: 'reports', id: `r-${i}`, version: 1, data: { i } },
    }));
    await store.commit({ expectedSeq: 0, entries: [e], records });
    expect(await store.listRecords({ kind: 'reports' })).toHaveLength(10_000);
    // A refused batch of the same size leaves nothing.
    const late = records.map((w) => ({ ...w, record: { ...w.record, kind: 'findings' } }));
    expect(await codeOf(store.commit({ expectedSeq: 0, entries: [e], records: late }))).toBe('store-conflict');
    expect(await store.listRecords({ kind: 'findings' })).toHaveLength(0);
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
