import type { AuditEntry, CommitBatch } from '@kepu/core';
import { GENESIS_HASH } from '@kepu/core/store';
import { expect } from 'vitest';
import type { ConformanceContext } from './context.js';
import { codeOf, entries, put } from './fixtures.js';

// Batches a store must refuse whole, with the port's codes: a stale head, a batch that does not
// follow the head, a snapshot version that exists.

export function refusalTests({ fresh, test }: ConformanceContext): void {
  test('a commit on a stale head is store-conflict and writes nothing', async () => {
    const store = await fresh();
    const head = await store.commit({ expectedSeq: 0, entries: entries(await store.head(), 2) });
    const stale: CommitBatch = {
      expectedSeq: 0,
      entries: entries({ seq: 0, version: 0, hash: GENESIS_HASH }, 1, 'late'),
      records: [put('reports', 'late', 1, {})],
      snapshots: [{ key: 'assessment/p/2024', version: 1, createdAt: '2024-01-01T00:00:00.000Z', data: {} }],
    };
    expect(await codeOf(() => store.commit(stale))).toBe('store-conflict');
    expect(await store.head()).toEqual(head);
    expect(await store.listRecords()).toEqual([]);
    expect(await store.listSnapshots()).toEqual([]);
    expect(await store.readAudit()).toHaveLength(2);
  });

  test('a batch that does not follow the head is invalid-shape and writes nothing', async () => {
    const store = await fresh();
    const head = await store.commit({ expectedSeq: 0, entries: entries(await store.head(), 1) });
    const good = entries(head, 2);
    const [a, b] = good as [AuditEntry, AuditEntry];
    const bad: Array<[string, CommitBatch]> = [
      ['no entries', { expectedSeq: head.seq, entries: [], records: [put('reports', 'x', 1, {})] }],
      ['a gap in seq', { expectedSeq: head.seq, entries: [a, { ...b, seq: b.seq + 1 }] }],
      ['a broken link', { expectedSeq: head.seq, entries: [a, { ...b, prevHash: GENESIS_HASH }] }],
      [
        'a first entry not linked to the head',
        { expectedSeq: head.seq, entries: [{ ...a, prevHash: 'f'.repeat(64) }] },
      ],
      ['a version jump of 2', { expectedSeq: head.seq, entries: [{ ...a, version: a.version + 2 }] }],
    ];
    for (const [name, batch] of bad) {
      expect(await codeOf(() => store.commit(batch)), name).toBe('invalid-shape');
    }
    expect(await store.head()).toEqual(head);
    expect(await store.readAudit()).toHaveLength(1);
    expect(await store.listRecords()).toEqual([]);
  });

  test('snapshots gain versions in order and are never overwritten; a refused batch leaves no trace', async () => {
    const store = await fresh();
    const snap = (key: string, version: number) => ({
      key,
      version,
      createdAt: `2025-01-0${version}T00:00:00.000Z`,
      data: { key, version, card: { units: [{ unit: 'shanhe', score: 88.5 }] } },
    });
    let head = await store.commit({
      expectedSeq: 0,
      entries: entries(await store.head(), 1),
      snapshots: [snap('assessment/p/2024', 1), snap('assessment/p/2023', 1)],
    });
    head = await store.commit({
      expectedSeq: head.seq,
      entries: entries(head, 1),
      snapshots: [snap('assessment/p/2024', 2)],
    });
    const overwrite: CommitBatch = {
      expectedSeq: head.seq,
      entries: entries(head, 1),
      records: [put('reports', 'should-not-exist', 3, {})],
      snapshots: [snap('assessment/p/2024', 3), { ...snap('assessment/p/2024', 2), data: { forged: true } }],
    };
    expect(await codeOf(() => store.commit(overwrite))).toBe('snapshot-exists');
    expect(await store.head()).toEqual(head);
    expect(await store.listRecords()).toEqual([]);
    expect((await store.listSnapshots()).map((s) => [s.key, s.version])).toEqual([
      ['assessment/p/2023', 1],
      ['assessment/p/2024', 1],
      ['assessment/p/2024', 2],
    ]);
    expect(await store.listSnapshots({ key: 'assessment/p/2024' })).toEqual([
      snap('assessment/p/2024', 1),
      snap('assessment/p/2024', 2),
    ]);
  });
}
