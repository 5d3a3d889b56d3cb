import type { StoreLoad } from '@kepu/core';

/**
 * The Zhengning demo history as a store holds it after `createDemoHistory` wrote it: the audit
 * log, the records and the assessment snapshots, with the generator version and seed that made
 * it. Built at build time (see build-demo-snapshot.ts) and served beside the page as
 * `demo-history.json`; the first visit writes it into IndexedDB in one transaction
 * (see seed-store.ts).
 */
export interface DemoSnapshot {
  readonly generator: string;
  readonly seed: number;
  readonly store: StoreLoad;
}

/** Where the built dashboard serves the snapshot, relative to the page. */
export const DEMO_SNAPSHOT_FILE = 'demo-history.json';
