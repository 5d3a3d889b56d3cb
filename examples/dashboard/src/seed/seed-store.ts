import { isKepuError, type KepuStore } from '@kepu/core';
import type { DemoSnapshot } from './demo-snapshot.js';

/**
 * Writes a demo snapshot into an empty store as one commit (in IndexedDB: one transaction), so
 * the first visit stores ≈1,400 audit entries at once instead of committing them one by one.
 * If another tab seeded the store meanwhile, its commit wins and this one is dropped: the store
 * refuses a batch that does not follow its head (`store-conflict`), and the data is the same.
 * The engine that then loads the store verifies the audit chain as for any stored data.
 */
export async function seedStore(store: KepuStore, snapshot: DemoSnapshot): Promise<void> {
  const { audit, records, snapshots } = snapshot.store;
  try {
    await store.commit({
      expectedSeq: 0,
      entries: audit,
      records: records.map((record) => ({ op: 'put', record })),
      snapshots,
    });
  } catch (error) {
    if (isKepuError(error) && error.issues.some((issue) => issue.code === 'store-conflict')) return;
    throw error;
  }
}
