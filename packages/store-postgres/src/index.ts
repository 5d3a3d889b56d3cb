export type { PostgresAppliedMigration, PostgresMigration, PostgresMigrationResult } from './migrations.js';
export { POSTGRES_MIGRATIONS } from './migrations.js';
export type { PostgresStore, PostgresStoreOptions } from './postgres-store.js';
export { createPostgresStore } from './postgres-store.js';
