// The storage-port conformance suite is published in @kepu/plugin-sdk/testing, where adapter
// authors outside this repository find it; Kepu's own tests import it from here as before.
export type { StoreCapabilities, StoreMigrationHarness } from '@kepu/plugin-sdk/testing';
export { testStore } from '@kepu/plugin-sdk/testing';
