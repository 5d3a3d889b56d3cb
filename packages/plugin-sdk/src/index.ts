// The store kit lives beside the port in @kepu/core; it stays exported here, unchanged, for
// adapter authors who import it from the SDK.
export type {
  AuditRow,
  KepuPlugin,
  KepuPluginHooks,
  LoadPluginsOptions,
  OrgUnitDirectory,
  PluginSet,
} from '@kepu/core';
export {
  auditEntryFromRow,
  checkBatch,
  checkBatchFollows,
  decodeJsonColumn,
  encodeJsonColumn,
  KEPU_API_VERSION,
  loadPlugins,
  netRecordWrites,
  recordFromRow,
  satisfiesRange,
  snapshotExists,
  snapshotFromRow,
  storeConflict,
  storeFailure,
} from '@kepu/core';
