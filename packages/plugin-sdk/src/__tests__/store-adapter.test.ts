import { type AuditEntry, chainAuditEntry, GENESIS_HASH, isKepuError, type StoreHead } from '@kepu/core';
import { describe, expect, it } from 'vitest';
import { checkBatch, checkBatchFollows, netRecordWrites, storeFailure } from '../index.js';

const genesis: StoreHead = { seq: 0, version: 0, hash: GENESIS_HASH };
function chain(from: StoreHead, n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let head = from;
  for (let i = 0; i < n; i++) {
    const e = chainAuditEntry(head, {
      version: head.version + 1,
      at: '2024-01-01T00:00:00.000Z',
      actor: { id: 'a', role: 'plan-office' },
      command: { i },
      outcome: 'accepted',
      patches: [],
    });
    out.push(e);
    head = { seq: e.seq, version: e.version, hash: e.hash };
  }
  return out;
}
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

  it('storeFailure keeps the driver error as its cause', () => {
    const cause = new Error('ECONNRESET');
    const error = storeFailure('pg', 'the connection was lost', cause);
    expect(error.code).toBe('store-failure');
    expect(error.cause).toBe(cause);
    expect(error.message).toMatch(/Store "pg" failed: the connection was lost/);
  });
});
