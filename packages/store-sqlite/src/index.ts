export type { SqliteMigration } from './migrations.js';
export { SQLITE_MIGRATIONS } from './migrations.js';
export type {
  AppliedMigration,
  MigrateSqliteOptions,
  SqliteMigrationResult,
  SqliteStore,
  SqliteStoreOptions,
} from './sqlite-store.js';
export { createSqliteStore, migrateSqlite } from './sqlite-store.js';
