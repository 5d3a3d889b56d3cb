import type { AuditEntry } from '@kepu/core';
import { chainAuditEntry, verifyAuditChain } from '@kepu/core/engine';
import { GENESIS_HASH } from '@kepu/core/store';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ConformanceContext } from './context.js';
import { byKindAndId, entries, headAfter, KINDS, put } from './fixtures.js';

// What goes in comes out: every record kind, the log in order and in pages, puts and deletes, copies
// not references, a bulk commit, and any JSON value (a law).

export function roundTripTests({ fresh, capabilities, test }: ConformanceContext): void {
  test('a new store is empty, with its head at the genesis hash', async () => {
    const store = await fresh();
    expect(typeof store.name).toBe('string');
    expect(await store.head()).toEqual({ seq: 0, version: 0, hash: GENESIS_HASH });
    expect(await store.listRecords()).toEqual([]);
    expect(await store.readAudit()).toEqual([]);
    expect(await store.listSnapshots()).toEqual([]);
  });

  test('every record kind round-trips, with unicode, nesting, 0 and null intact', async () => {
    const store = await fresh();
    const data = (kind: string) => ({
      id: `${kind}-1`,
      title: '山河镇“科普日”活动 — ✓',
      zero: 0,
      none: null,
      nested: { list: [1, 2.5, { deep: [true, false] }], empty: {} },
    });
    const log = entries(await store.head(), 1);
    const head = await store.commit({
      expectedSeq: 0,
      entries: log,
      records: KINDS.map((kind) => put(kind, `${kind}-1`, 1, data(kind))),
    });
    expect(head).toEqual(headAfter(log, head));
    const records = (await store.listRecords()).sort(byKindAndId);
    expect(records).toEqual(
      KINDS.map((kind) => ({ kind, id: `${kind}-1`, version: 1, data: data(kind) })).sort(byKindAndId),
    );
    for (const kind of KINDS) {
      expect(await store.listRecords({ kind })).toEqual([{ kind, id: `${kind}-1`, version: 1, data: data(kind) }]);
    }
    expect(await store.listRecords({ kind: 'nothing' })).toEqual([]);
  });

  test('a put replaces a record and a delete removes it, in the same atomic commit as its entry', async () => {
    const store = await fresh();
    let head = await store.commit({
      expectedSeq: 0,
      entries: entries(await store.head(), 1),
      records: [put('reports', 'a', 1, { v: 1 }), put('reports', 'b', 1, { v: 1 })],
    });
    head = await store.commit({
      expectedSeq: head.seq,
      entries: entries(head, 1),
      records: [put('reports', 'a', 2, { v: 2 }), { op: 'delete', kind: 'reports', id: 'b' }],
    });
    expect(await store.listRecords()).toEqual([{ kind: 'reports', id: 'a', version: 2, data: { v: 2 } }]);
    if (store.getRecord) {
      expect(await store.getRecord('reports', 'a')).toEqual({ kind: 'reports', id: 'a', version: 2, data: { v: 2 } });
      expect(await store.getRecord('reports', 'b')).toBeUndefined();
    }
  });

  test('the log reads back in seq order, from any point, in pages', async () => {
    const store = await fresh();
    const first = entries(await store.head(), 5, 'a');
    const head = await store.commit({ expectedSeq: 0, entries: first });
    const second = entries(head, 4, 'b');
    const end = await store.commit({ expectedSeq: head.seq, entries: second });
    expect(end).toEqual(headAfter(second, head));
    expect(await store.head()).toEqual(end);
    const all = await store.readAudit();
    expect(all).toEqual([...first, ...second]);
    expect((await store.readAudit({ after: 3 })).map((e) => e.seq)).toEqual([4, 5, 6, 7, 8, 9]);
    expect((await store.readAudit({ after: 3, limit: 2 })).map((e) => e.seq)).toEqual([4, 5]);
    expect(await store.readAudit({ after: 9 })).toEqual([]);
    expect(verifyAuditChain(all, { expectedHead: end })).toMatchObject({ ok: true, entries: 9 });
  });

  test('stored data is a copy: changing what was written or read changes nothing stored', async () => {
    const store = await fresh();
    const data = { list: [1, 2], nested: { a: 'x' } };
    const log = entries(await store.head(), 1);
    await store.commit({ expectedSeq: 0, entries: log, records: [put('awards', 'a', 1, data)] });
    data.list.push(3);
    data.nested.a = 'changed';
    (log[0] as { command: unknown }).command = 'changed';
    const read = await store.listRecords();
    expect(read[0]?.data).toEqual({ list: [1, 2], nested: { a: 'x' } });
    (read[0]?.data as { list: number[] } | undefined)?.list.push(9);
    expect((await store.listRecords())[0]?.data).toEqual({ list: [1, 2], nested: { a: 'x' } });
    expect(verifyAuditChain(await store.readAudit()).ok).toBe(true);
  });

  test(`a bulk commit of ${capabilities.bulk ?? 10_000} records and entries round-trips`, async () => {
    const store = await fresh();
    const n = capabilities.bulk ?? 10_000;
    const log = entries(await store.head(), n);
    const records = Array.from({ length: n }, (_, i) =>
      put(KINDS[i % KINDS.length] as string, `r-${String(i).padStart(6, '0')}`, 1, { i, text: `第${i}条` }),
    );
    const head = await store.commit({ expectedSeq: 0, entries: log, records });
    expect(head.seq).toBe(n);
    const stored = await store.listRecords();
    expect(stored).toHaveLength(n);
    expect(stored.sort(byKindAndId)).toEqual(records.map((w) => (w.op === 'put' ? w.record : w)).sort(byKindAndId));
    const back = await store.readAudit();
    expect(back).toHaveLength(n);
    expect(back).toEqual(log);
    expect(verifyAuditChain(back, { expectedHead: head }).ok).toBe(true);
    // The next commit after a large one follows on as usual.
    const next = await store.commit({ expectedSeq: head.seq, entries: entries(head, 1, 'after') });
    expect(next.seq).toBe(n + 1);
  });

  test('law: any JSON value round-trips through a record, a snapshot and an audit command as its JSON copy', async () => {
    const store = await fresh();
    let head = await store.head();
    let run = 0;
    const id = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }).filter((x) => !x.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), id, async (value, recordId) => {
        run++;
        const copy = JSON.parse(JSON.stringify(value)) as unknown;
        const at = new Date(Date.UTC(2024, 0, 1, 0, 0, run)).toISOString();
        const [entry] = entries(head, 1, `law-${run}`) as [AuditEntry];
        const withValue = chainAuditEntry(head, {
          version: entry.version,
          at,
          actor: entry.actor,
          command: { type: 'law', value },
          outcome: entry.outcome,
          patches: entry.patches,
        });
        const key = `law/${run}/${recordId}`;
        head = await store.commit({
          expectedSeq: head.seq,
          entries: [withValue],
          records: [put('reports', recordId, withValue.version, value)],
          snapshots: [{ key, version: 1, createdAt: at, data: value }],
        });
        const record = (await store.listRecords({ kind: 'reports' })).find((r) => r.id === recordId);
        expect(record).toEqual({ kind: 'reports', id: recordId, version: withValue.version, data: copy });
        expect(await store.listSnapshots({ key })).toEqual([{ key, version: 1, createdAt: at, data: copy }]);
        const [back] = await store.readAudit({ after: head.seq - 1 });
        expect(back).toEqual(withValue);
        expect((back?.command as { value?: unknown } | undefined)?.value).toEqual(copy);
      }),
      { numRuns: capabilities.propertyRuns ?? 30 },
    );
    expect(verifyAuditChain(await store.readAudit(), { expectedHead: head }).ok).toBe(true);
  });
}
