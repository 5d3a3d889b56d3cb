import { describe, expect, it } from 'vitest';
import { isKepuError } from '../../errors.js';
import { checkBatch, checkBatchFollows, netRecordWrites } from '../check-batch.js';
import type { AuditEntry, StoreHead } from '../types.js';
import { chain, genesis } from './chain.js';

const codeAndPath = (run: () => void) => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return isKepuError(error) ? `${error.code} ${error.path.join('.')}` : String(error);
  }
};

describe('the batch checks adapters share', () => {
  it('checkBatch refuses what no store could accept, naming the field', () => {
    const [a, b] = chain(genesis, 2) as [AuditEntry, AuditEntry];
    expect(codeAndPath(() => checkBatch({ expectedSeq: 0, entries: [a, b] }))).toBe('ok');
    expect(codeAndPath(() => checkBatch({ expectedSeq: 0, entries: [] }))).toBe('invalid-shape batch.entries');
    expect(codeAndPath(() => checkBatch({ expectedSeq: -1, entries: [a] }))).toBe('invalid-shape batch.expectedSeq');
    expect(codeAndPath(() => checkBatch({ expectedSeq: 1, entries: [a] }))).toBe('invalid-shape batch.entries.0.seq');
    expect(codeAndPath(() => checkBatch({ expectedSeq: 0, entries: [a, { ...b, prevHash: 'x' }] }))).toBe(
      'invalid-shape batch.entries.1.prevHash',
    );
    expect(codeAndPath(() => checkBatch({ expectedSeq: 0, entries: [a, { ...b, version: 5 }] }))).toBe(
      'invalid-shape batch.entries.1.version',
    );
    const snap = { key: 'k', version: 1, createdAt: '2025-01-01T00:00:00.000Z', data: {} };
    expect(codeAndPath(() => checkBatch({ expectedSeq: 0, entries: [a], snapshots: [{ ...snap, version: 0 }] }))).toBe(
      'invalid-shape batch.snapshots.0.version',
    );
    expect(codeAndPath(() => checkBatch({ expectedSeq: 0, entries: [a], snapshots: [snap, snap] }))).toBe(
      'snapshot-exists snapshots',
    );
  });

  it('checkBatchFollows reports a stale head before anything else', () => {
    const [a] = chain(genesis, 1) as [AuditEntry];
    const moved: StoreHead = { seq: 1, version: 1, hash: a.hash };
    expect(codeAndPath(() => checkBatchFollows('s', genesis, { expectedSeq: 0, entries: [a] }))).toBe('ok');
    // Stale and not linked either: the conflict is what the writer needs to hear.
    expect(
      codeAndPath(() => checkBatchFollows('s', moved, { expectedSeq: 0, entries: [{ ...a, prevHash: 'x' }] })),
    ).toBe('store-conflict expectedSeq');
    expect(
      codeAndPath(() => checkBatchFollows('s', genesis, { expectedSeq: 0, entries: [{ ...a, prevHash: 'x' }] })),
    ).toBe('invalid-shape batch.entries.0.prevHash');
  });

  it('netRecordWrites keeps each record’s last write, in the order of those writes', () => {
    const put = (id: string, v: number) => ({
      op: 'put' as const,
      record: { kind: 'reports', id, version: v, data: { v } },
    });
    const net = netRecordWrites([
      put('a', 1),
      put('b', 1),
      { op: 'delete', kind: 'reports', id: 'a' },
      put('c', 1),
      put('b', 2),
      { op: 'delete', kind: 'reports', id: 'zzz' },
    ]);
    expect(net.puts.map((r) => [r.id, r.version])).toEqual([
      ['c', 1],
      ['b', 2],
    ]);
    expect(net.deletes).toEqual([
      { kind: 'reports', id: 'a' },
      { kind: 'reports', id: 'zzz' },
    ]);
  });
});
