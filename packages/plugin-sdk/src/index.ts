export type { KepuPlugin, KepuPluginHooks, LoadPluginsOptions, OrgUnitDirectory, PluginSet } from '@kepu/core';
export { KEPU_API_VERSION, loadPlugins, satisfiesRange } from '@kepu/core';
export type { AuditRow } from './sql-rows.js';
export {
  auditEntryFromRow,
  decodeJsonColumn,
  encodeJsonColumn,
  recordFromRow,
  snapshotFromRow,
} from './sql-rows.js';
export {
  checkBatch,
  checkBatchFollows,
  netRecordWrites,
  snapshotExists,
  storeConflict,
  storeFailure,
} from './store-adapter.js';
