export type { PostgresMigration } from './migrations.js';
export { POSTGRES_MIGRATIONS } from './migrations.js';
export type {
  PostgresAppliedMigration,
  PostgresMigrationResult,
  PostgresStore,
  PostgresStoreOptions,
} from './postgres-store.js';
export { createPostgresStore } from './postgres-store.js';
