import { guard, open } from './internal/connection.js';
import { LATEST_VERSION, runMigrations, schemaVersion } from './internal/schema.js';

/**
 * A schema migration that has been applied to a database, as `kepu_migrations` records it.
 *
 * @example
 * ```ts
 * import { createSqliteStore, type AppliedMigration } from '@kepu/store-sqlite';
 * const store = createSqliteStore({ filename: ':memory:' });
 * const applied: AppliedMigration[] = store.migrations(); // [{ version: 1, … }, { version: 2, … }]
 * store.dispose();
 * ```
 */
export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  /** When it ran (ISO 8601). */
  readonly appliedAt: string;
}

/**
 * Options of {@link migrateSqlite}.
 *
 * @example
 * ```ts
 * import { migrateSqlite, type MigrateSqliteOptions } from '@kepu/store-sqlite';
 * const options: MigrateSqliteOptions = { filename: ':memory:', to: 1 };
 * migrateSqlite(options);
 * ```
 */
export interface MigrateSqliteOptions {
  readonly filename: string;
  /**
   * The schema version to stop at; migrations above it are left for later.
   * @default the latest version
   */
  readonly to?: number;
}

/**
 * What {@link migrateSqlite} did: the version before and after, and the migrations it applied.
 *
 * @example
 * ```ts
 * import { migrateSqlite, type SqliteMigrationResult } from '@kepu/store-sqlite';
 * const result: SqliteMigrationResult = migrateSqlite({ filename: ':memory:' });
 * result.to; // 2
 * ```
 */
export interface SqliteMigrationResult {
  readonly from: number;
  readonly to: number;
  readonly applied: AppliedMigration[];
}

/**
 * Applies the schema migrations a SQLite database is missing (all, or up to `to`) and records each
 * in `kepu_migrations`. Safe to run on a database in use and from several processes at once: the
 * migrations run in one write transaction, and a second runner finds nothing left to do.
 *
 * @example
 * ```ts
 * import { migrateSqlite } from '@kepu/store-sqlite';
 * const result = migrateSqlite({ filename: ':memory:' });
 * result.applied.map((m) => m.version); // [1, 2]
 * ```
 */
export function migrateSqlite(options: MigrateSqliteOptions): SqliteMigrationResult {
  return guard(() => {
    const db = open(options.filename, 5000);
    try {
      const from = schemaVersion(db);
      const applied = runMigrations(db, options.to ?? LATEST_VERSION, () => new Date().toISOString());
      return { from, to: schemaVersion(db), applied };
    } finally {
      db.close();
    }
  });
}
