import type { CommitBatch } from '@kepu/core';
import { verifyAuditChain } from '@kepu/core/engine';
import { GENESIS_HASH } from '@kepu/core/store';
import { expect } from 'vitest';
import type { StoreMigrationHarness } from '../store-conformance.js';
import type { ConformanceContext } from './context.js';
import { byKindAndId, codeOf, entries, headAfter, put } from './fixtures.js';

// Schema migrations, for adapters that keep a schema: from an empty database, and from the
// previous version with data written the way that version wrote it.

export function migrationTests({ fresh, open, capabilities, whenOffered, opened }: ConformanceContext): void {
  const migrations = capabilities.migrations;
  whenOffered(
    !migrations,
    'migrations from an empty database run every version once, in order, and are recorded',
    'the adapter gives no `migrations` (it keeps no schema)',
    async () => {
      const harness = migrations as StoreMigrationHarness;
      const store = await fresh();
      expect([...(await harness.applied(store))]).toEqual([...harness.versions]);
      // Running them again, and opening the database again, changes nothing.
      await harness.migrate(store);
      expect([...(await harness.applied(store))]).toEqual([...harness.versions]);
      const head = await store.commit({ expectedSeq: 0, entries: entries(await store.head(), 2) });
      if (capabilities.open) {
        const again = await open(store);
        expect([...(await harness.applied(again))]).toEqual([...harness.versions]);
        expect(await again.head()).toEqual(head);
      }
      await harness.migrate(store);
      expect(await store.readAudit()).toHaveLength(2);
    },
  );

  whenOffered(
    !migrations,
    'a database at the previous schema version migrates with every entry, record and snapshot intact',
    'the adapter gives no `migrations` (it keeps no schema)',
    async () => {
      const harness = migrations as StoreMigrationHarness;
      // Three commits as the previous version stored them: puts, a replacement, a delete,
      // snapshots of two keys, denials in the log.
      const first = entries({ seq: 0, version: 0, hash: GENESIS_HASH }, 3, 'old-a');
      const h1 = headAfter(first, { seq: 0, version: 0, hash: GENESIS_HASH });
      const second = entries(h1, 2, 'old-b');
      const h2 = headAfter(second, h1);
      const third = entries(h2, 3, 'old-c');
      const h3 = headAfter(third, h2);
      const snap = (key: string, version: number) => ({
        key,
        version,
        createdAt: `2024-12-0${version}T00:00:00.000Z`,
        data: { key, version, units: [{ unit: 'shanhe', score: 90 - version }] },
      });
      const batches: CommitBatch[] = [
        {
          expectedSeq: 0,
          entries: first,
          records: [
            put('reports', 'a', 1, { v: 1 }),
            put('findings', 'f', 1, { text: '发现' }),
            put('reports', 'b', 1, {}),
          ],
          snapshots: [snap('assessment/p/2024', 1)],
        },
        {
          expectedSeq: h1.seq,
          entries: second,
          records: [put('reports', 'a', 2, { v: 2 }), { op: 'delete', kind: 'reports', id: 'b' }],
          snapshots: [snap('assessment/p/2024', 2), snap('assessment/p/2023', 1)],
        },
        { expectedSeq: h2.seq, entries: third, records: [put('awards', 'w', 3, { title: '先进单位' })] },
      ];
      const store = await harness.fromPrevious(batches);
      opened.push(store);
      expect([...(await harness.applied(store))]).toEqual([...harness.versions]);
      expect(await store.head()).toEqual(h3);
      const log = await store.readAudit();
      expect(log).toEqual([...first, ...second, ...third]);
      expect(verifyAuditChain(log, { expectedHead: h3 }).ok).toBe(true);
      expect((await store.listRecords()).sort(byKindAndId)).toEqual(
        [
          { kind: 'awards', id: 'w', version: 3, data: { title: '先进单位' } },
          { kind: 'findings', id: 'f', version: 1, data: { text: '发现' } },
          { kind: 'reports', id: 'a', version: 2, data: { v: 2 } },
        ].sort(byKindAndId),
      );
      expect(await store.listSnapshots()).toEqual([
        snap('assessment/p/2023', 1),
        snap('assessment/p/2024', 1),
        snap('assessment/p/2024', 2),
      ]);
      // The migrated store takes new commits on the old chain, and still refuses stale ones.
      const next = await store.commit({ expectedSeq: h3.seq, entries: entries(h3, 1, 'new') });
      expect(next.seq).toBe(h3.seq + 1);
      expect(await codeOf(() => store.commit({ expectedSeq: h3.seq, entries: entries(h3, 1, 'stale') }))).toBe(
        'store-conflict',
      );
    },
  );
}
