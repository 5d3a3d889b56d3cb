import { isKepuError, type KepuStore, type StoreHead } from '@kepu/core';
import { verifyAuditChain } from '@kepu/core/engine';
import { expect } from 'vitest';
import type { ConformanceContext } from './context.js';
import { entries, put } from './fixtures.js';

// More than one handle on the same data: a reopen, two writers racing for one head, `watch`.

export function handleTests({ fresh, open, capabilities, test, whenOffered }: ConformanceContext): void {
  whenOffered(
    !capabilities.open,
    'after a reopen, records, log, snapshots and head are unchanged and the chain verifies',
    'the adapter gives no `open`',
    async () => {
      const store = await fresh();
      const log = entries(await store.head(), 3);
      const head = await store.commit({
        expectedSeq: 0,
        entries: log,
        records: [put('reports', 'r', 1, { ok: true })],
        snapshots: [{ key: 'assessment/p/2024', version: 1, createdAt: '2025-01-01T00:00:00.000Z', data: { s: 1 } }],
      });
      await store.dispose?.();
      const again = await open(store);
      expect(await again.head()).toEqual(head);
      expect(await again.readAudit()).toEqual(log);
      expect(await again.listRecords()).toEqual([{ kind: 'reports', id: 'r', version: 1, data: { ok: true } }]);
      expect(await again.listSnapshots()).toHaveLength(1);
      expect(verifyAuditChain(await again.readAudit(), { expectedHead: await again.head() }).ok).toBe(true);
    },
  );

  whenOffered(
    !capabilities.open,
    'two handles racing for the same head: exactly one commit wins',
    'the adapter gives no `open`',
    async () => {
      const first = await fresh();
      const second = await open(first);
      const head = await first.head();
      // A synchronous store throws at once; `async` turns that into a rejection like any other.
      const attempt = async (store: KepuStore, tag: string) =>
        store.commit({
          expectedSeq: head.seq,
          entries: entries(head, 1, tag),
          records: [put('reports', tag, 1, {})],
        });
      const results = await Promise.allSettled([attempt(first, 'one'), attempt(second, 'two')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(isKepuError(loser.reason) && loser.reason.code).toBe('store-conflict');
      expect(await first.listRecords()).toHaveLength(1);
      expect(await second.readAudit()).toHaveLength(1);
    },
  );

  test('watch, when offered, announces commits to other handles and stops on unwatch', async () => {
    const store = await fresh();
    if (!store.watch) {
      // No watch: engines on this store learn of others' commits when their own commit is refused.
      expect(store.watch).toBeUndefined();
      return;
    }
    const other = capabilities.open ? await open(store) : store;
    const heads: StoreHead[] = [];
    const unwatch = await store.watch((h) => heads.push(h));
    const head = await other.commit({ expectedSeq: 0, entries: entries(await other.head(), 1) });
    await expect.poll(() => heads.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    expect(heads.at(-1)).toEqual(head);
    await unwatch();
    await other.commit({ expectedSeq: head.seq, entries: entries(head, 1) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heads.at(-1)).toEqual(head);
  });
}
