export type { AppliedMigration, MigrateSqliteOptions, SqliteMigrationResult } from './migrate-sqlite.js';
export { migrateSqlite } from './migrate-sqlite.js';
export type { SqliteMigration } from './migrations.js';
export { SQLITE_MIGRATIONS } from './migrations.js';
export type { SqliteStore, SqliteStoreOptions } from './sqlite-store.js';
export { createSqliteStore } from './sqlite-store.js';
