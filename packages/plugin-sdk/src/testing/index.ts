// Test kits for plugin and adapter authors; each is added with its suite.
export type { StoreCapabilities, StoreMigrationHarness } from './store-conformance.js';
export { testStore } from './store-conformance.js';
