// The store kit lives beside the port in @kepu/core/store, and the plugin host in
// @kepu/core/plugin; both stay exported here, unchanged, for authors who import them from the SDK.
export type { KepuPlugin, KepuPluginHooks, OrgUnitDirectory } from '@kepu/core';
export { KEPU_API_VERSION } from '@kepu/core';
export type { LoadPluginsOptions, PluginSet } from '@kepu/core/plugin';
export { loadPlugins, satisfiesRange } from '@kepu/core/plugin';
export type { AuditRow } from '@kepu/core/store';
export {
  auditEntryFromRow,
  checkBatch,
  checkBatchFollows,
  decodeJsonColumn,
  encodeJsonColumn,
  netRecordWrites,
  recordFromRow,
  snapshotExists,
  snapshotFromRow,
  storeConflict,
  storeFailure,
} from '@kepu/core/store';
