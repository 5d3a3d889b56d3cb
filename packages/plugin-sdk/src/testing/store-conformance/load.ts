import type { RecordWrite } from '@kepu/core';
import { GENESIS_HASH } from '@kepu/core/store';
import { expect, it } from 'vitest';
import type { ConformanceContext } from './context.js';
import { byKindAndId, entries, KINDS, put } from './fixtures.js';

// What the engine reads a store with: `load()` when the adapter has it (exactly what the separate
// reads return, even while a commit races it), else the separate reads themselves.

export function loadTests({ fresh, timeout }: ConformanceContext): void {
  // Whether the adapter offers `load` is known only once a store exists: without it, the same
  // commits are read back through the separate reads the engine then falls back to.
  it(
    'load() (or, without it, the separate reads) returns exactly what was committed, and load() what the separate reads return',
    async () => {
      const store = await fresh();
      const separate = async () => ({
        head: await store.head(),
        records: (await store.listRecords()).sort(byKindAndId),
        snapshots: await store.listSnapshots(),
        audit: await store.readAudit(),
      });
      const load = store.load?.bind(store);
      const loaded = async () => {
        if (!load) return separate();
        const all = await load();
        return { ...all, records: [...all.records].sort(byKindAndId) };
      };
      expect(await loaded()).toEqual({
        head: { seq: 0, version: 0, hash: GENESIS_HASH },
        records: [],
        snapshots: [],
        audit: [],
      });
      let head = await store.head();
      for (let i = 0; i < 5; i++) {
        const writes: RecordWrite[] = [
          put(KINDS[i % KINDS.length] as string, `r-${i}`, head.version + 1, { i, nested: { list: [i, 'x'] } }),
          put('reports', 'shared', head.version + 1, { i }),
        ];
        if (i === 3) writes.push({ op: 'delete', kind: KINDS[1] as string, id: 'r-1' });
        head = await store.commit({
          expectedSeq: head.seq,
          entries: entries(head, 2, `load-${i}`),
          records: writes,
          snapshots: [
            {
              key: `assessment/p/${2020 + (i % 2)}`,
              version: Math.floor(i / 2) + 1,
              createdAt: `2025-01-0${i + 1}T00:00:00.000Z`,
              data: { i },
            },
          ],
        });
      }
      const expected = await separate();
      expect(expected.head).toEqual(head);
      expect(expected.audit).toHaveLength(10);
      expect(expected.records.map((r) => r.id)).not.toContain('r-1');
      expect(await loaded()).toEqual(expected);

      // Racing a commit, a load sees it whole or not at all (the separate reads promise no such
      // thing: that is what load() is for).
      if (!load) return;
      const before = expected;
      const [during] = await Promise.all([
        loaded(),
        store.commit({
          expectedSeq: head.seq,
          entries: entries(head, 1, 'race'),
          records: [put('reports', 'shared', head.version + 1, { race: true })],
        }),
      ]);
      const after = await separate();
      expect([before, after]).toContainEqual(during);
      expect(await loaded()).toEqual(after);
    },
    timeout,
  );
}
