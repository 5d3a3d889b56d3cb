import type { KepuStore } from '@kepu/core';
import type { StoreCapabilities } from '../store-conformance.js';

/** What each group of conformance tests gets from `testStore`. */
export interface ConformanceContext {
  /** A fresh, empty store from the adapter's factory, disposed after the test. */
  readonly fresh: () => Promise<KepuStore>;
  /** Another handle on `store`'s data (only when the adapter gives `open`), disposed after the test. */
  readonly open: (store: KepuStore) => Promise<KepuStore>;
  /** Stores the test made some other way, to dispose after it. */
  readonly opened: KepuStore[];
  readonly capabilities: StoreCapabilities;
  /** A test with the suite's timeout. */
  readonly test: (name: string, fn: () => Promise<void>) => void;
  /** A test that needs a capability: registered only when the capability is not `missing` (`reason` says why it would not apply). */
  readonly whenOffered: (missing: boolean, name: string, reason: string, fn: () => Promise<void>) => void;
  readonly timeout: number;
}
